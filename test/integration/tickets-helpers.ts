// Shared by the tickets-*.test.ts files (not a test file itself).
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { createPowChallenge } from "@/lib/pow/create-pow-challenge";
import type { TIncomingFile } from "@/lib/tickets/attachments/store-attachments";
import { emailIndex } from "@/lib/crypto/blind-index";
import { createBuyerSession, validateBuyerSession } from "@/lib/auth/buyer-sessions";
import { validateAgentSession } from "@/lib/auth/agent-sessions";
import { authenticateAgent } from "@/lib/auth/authenticate-agent";
import { createAgent } from "@/lib/agents/create-agent";
import type { TAgentSession, TBuyerSession } from "@/lib/auth/types";

let ipCounter = 0;
/** A fresh client IP per call, so per-IP limits do not leak between tests. */
export const nextIp = () => `198.51.100.${(++ipCounter % 250) + 1}`;

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

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

/** Every queued mail (decrypted), oldest first, optionally only those to `to`. */
export async function queuedMails(to?: string) {
  const rows = await db().outboxMessage.findMany({
    where: { channel: "mail" },
    orderBy: { createdAt: "asc" },
    omit: { payloadEnc: false },
  });
  return rows.map((r) => ({ kind: r.kind, ...decryptOutboxMail(r.payloadEnc) })).filter((m) => !to || m.to === to);
}

/** The token of the last ticket link mailed to `to`. */
export async function lastTicketToken(to: string): Promise<string> {
  const mail = (await queuedMails(to)).filter((m) => m.text.includes("/support/access?token=")).at(-1);
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

/** A guest's form values (override any). */
export function guestValues(overrides: Record<string, unknown> = {}) {
  return {
    email: "guest@example.com",
    name: "Grace Guest",
    subject: "My licence key does not work",
    message: "The key from my confirmation mail is refused by the installer.",
    category: "license_key",
    ...overrides,
  };
}

/** A real buyer session for the customer of `email` (as the sign-in link would open it). */
export async function signedIn(email: string): Promise<TBuyerSession> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { emailHash: emailIndex(email) },
    select: { id: true },
  });
  const token = await db().$transaction((tx) =>
    createBuyerSession(tx, { customerId: customer.id, ip: "203.0.113.9", userAgent: "vitest" }),
  );
  const buyer = await validateBuyerSession(token);
  if (!buyer) throw new Error("session did not validate");
  return buyer;
}

/** A real agent (created through the use case the CLI uses) and a session for them. */
export async function givenAgent(email: string, role: "admin" | "agent" = "agent"): Promise<TAgentSession> {
  await createAgent(
    { email, name: email.split("@")[0] ?? "Agent", role, password: "correct horse battery staple" },
    null,
  );
  const { sessionToken } = await authenticateAgent({
    email,
    password: "correct horse battery staple",
    ip: nextIp(),
    userAgent: "vitest",
  });
  const agent = await validateAgentSession(sessionToken);
  if (!agent) throw new Error("agent session did not validate");
  return agent;
}
