// Ticket helpers of the integration tests: who acts (`signedIn`, `givenAgent`, `meta`, `nextIp`,
// `errorOf`) comes from ./actors, queued mail from ./mails.
import { createHash } from "node:crypto";
import { parseOrThrow } from "@/lib/errors";
import { createPowChallenge } from "@/lib/pow/create-pow-challenge";
import type { TIncomingFile } from "@/lib/tickets/attachments/store-attachments";
import { ZOpenTicket, type TGuestTicket, type TOpenTicketInput } from "@/lib/tickets/schemas";
import { queuedMails } from "./mails";

/** A solved proof of work, as the browser widget puts it into the form (an easy puzzle). */
export function solvedPow(): string {
  const c = createPowChallenge(new Date(), 2_000);
  for (let n = 0; n <= c.maxNumber; n++) {
    if (createHash("sha256").update(`${c.salt}${n}`).digest("hex") === c.challenge) {
      const solution = {
        algorithm: c.algorithm,
        challenge: c.challenge,
        salt: c.salt,
        number: n,
        signature: c.signature,
      };
      return Buffer.from(JSON.stringify(solution)).toString("base64");
    }
  }
  throw new Error("no solution");
}

/** The token of the last ticket link mailed to `to`. */
export async function lastTicketToken(to: string): Promise<string> {
  const mail = (await queuedMails({ to })).filter((m) => m.text.includes("/support/access?token=")).at(-1);
  if (!mail) throw new Error(`no ticket link mailed to ${to}`);
  return decodeURIComponent(/\/support\/access\?token=([\w%-]+)/.exec(mail.text)?.[1] ?? "");
}

/** A file as a form would hand it over. */
export function file(name: string, content: Buffer | string): TIncomingFile {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  return {
    name,
    size: bytes.length,
    arrayBuffer: () =>
      Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
  };
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

/** A guest's ticket fields, as the schema hands them to a use case (override any). */
export function guestValues(overrides: Partial<TGuestTicket> = {}): TGuestTicket {
  return {
    email: "guest@example.com",
    name: "Grace Guest",
    subject: "My licence key does not work",
    message: "The key from my confirmation mail is refused by the installer.",
    category: "license_key",
    ...overrides,
  };
}

/**
 * The support form's fields as the action's wrapper hands them to `openTicket`: parsed with the
 * same schema, so bad fields throw `invalid_input` naming them, as the form would show them.
 */
export function formInput(fields: Record<string, unknown>): TOpenTicketInput {
  return parseOrThrow(ZOpenTicket, fields);
}
