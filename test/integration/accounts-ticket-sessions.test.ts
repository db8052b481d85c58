// A guest's one-ticket session (opened by a mailed ticket link) on a ticket that belongs to a buyer
// ends with the buyer's own sessions: "sign out everywhere", "sign out all other browsers" and an
// e-mail change (confirmed or undone) leave no browser reading the buyer's tickets.
import { ENC } from "@/lib/crypto/contexts";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { parseOrThrow } from "@/lib/errors";
import { endOtherBuyerSessions } from "@/lib/accounts/end-other-buyer-sessions";
import { ZEmailChange } from "@/lib/accounts/schemas";
import { requestEmailChange } from "@/lib/accounts/request-email-change";
import { confirmEmailChange } from "@/lib/accounts/confirm-email-change";
import { undoEmailChange } from "@/lib/accounts/undo-email-change";
import { signOutBuyerSession } from "@/lib/buyers/sign-out-buyer";
import { createTicketSession, validateTicketSession } from "@/lib/tickets/ticket-sessions";
import { givenOrder } from "../helpers/fixtures";
import { meta, signedIn } from "../helpers/actors";
import { linkToken, queuedMails } from "../helpers/mails";

async function givenTicket(customerId: string | null, email: string) {
  const id = newId();
  await db().ticket.create({
    data: {
      id,
      ref: `T-${id.slice(0, 6)}`,
      customerId,
      verifiedAt: new Date(),
      emailHash: emailIndex(email),
      emailEnc: encrypt(email, ENC.ticketEmail),
      subjectEnc: encrypt("Lost key", ENC.ticketSubject),
    },
  });
  return id;
}

/** A guest's session for one ticket, as redeeming a mailed ticket link opens it; returns its token. */
const ticketSession = (ticketId: string) =>
  db().$transaction((tx) => createTicketSession(tx, { ticketId, ip: null, userAgent: "Shared PC" }));
const opens = async (token: string) => (await validateTicketSession(token)) !== null;

describe("guest ticket sessions end with the buyer's sessions", () => {
  it("on sign out everywhere and sign out of other browsers, and only the buyer's", async () => {
    await givenOrder("tickets.everywhere@example.com");
    await givenOrder("someone.else@example.com");
    const buyer = await signedIn("tickets.everywhere@example.com");
    const ticket = await givenTicket(buyer.customerId, "tickets.everywhere@example.com");
    const stranger = await signedIn("someone.else@example.com");
    const strangersTicket = await givenTicket(stranger.customerId, "someone.else@example.com");
    const onShared = await ticketSession(ticket);
    const strangers = await ticketSession(strangersTicket);
    expect(await opens(onShared)).toBe(true);

    await signOutBuyerSession(buyer, { scope: "everywhere" }, meta());
    expect(await opens(onShared)).toBe(false);
    expect(await opens(strangers)).toBe(true);

    const again = await signedIn("tickets.everywhere@example.com");
    const second = await ticketSession(ticket);
    await endOtherBuyerSessions(again, meta());
    expect(await opens(second)).toBe(false);
    expect(await opens(strangers)).toBe(true);
  });

  it("on an e-mail change and on its undo", async () => {
    const oldEmail = "tickets.move@example.com";
    await givenOrder(oldEmail);
    const buyer = await signedIn(oldEmail);
    const ticket = await givenTicket(buyer.customerId, oldEmail);
    // A guest ticket confirmed from the old address (joins the customer when the address moves).
    const confirmedGuest = await givenTicket(null, oldEmail);
    const before = [await ticketSession(ticket), await ticketSession(confirmedGuest)];

    await requestEmailChange(buyer, parseOrThrow(ZEmailChange, { email: "tickets.moved@example.org" }), meta());
    const [confirmMail] = await queuedMails({ kind: "account.email_change_confirm" });
    await confirmEmailChange(null, { token: linkToken(confirmMail?.text ?? "", "/email-change/confirm") }, meta());
    for (const token of before) expect(await opens(token)).toBe(false);

    const afterMove = await ticketSession(ticket);
    const [notice] = await queuedMails({ kind: "account.email_changed_notice" });
    await undoEmailChange({ token: linkToken(notice?.text ?? "", "/email-change/undo") }, meta());
    expect(await opens(afterMove)).toBe(false);
  });
});
