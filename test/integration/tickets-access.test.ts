import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import { ZTicketLinkRequest } from "@/lib/tickets/schemas";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { createBuyerTicket } from "@/lib/tickets/create-buyer-ticket";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { validateTicketSession } from "@/lib/tickets/ticket-sessions";
import { getTicketThread } from "@/lib/tickets/get-ticket-thread";
import { listBuyerTickets } from "@/lib/tickets/list-buyer-tickets";
import { replyAsCustomer } from "@/lib/tickets/reply-as-customer";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { setTicketClosedByCustomer } from "@/lib/tickets/set-ticket-closed";
import { openTicketAttachment } from "@/lib/tickets/attachments/open-attachment";
import { requestTicketLink } from "@/lib/tickets/request-ticket-link";
import { leaveTicket } from "@/lib/tickets/leave-ticket";
import { processOutboxBatch } from "@/lib/outbox/worker";
import type { TTicketAccess } from "@/lib/tickets/ticket-access";
import type { TAgentSession } from "@/lib/auth/types";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, nextIp, signedIn } from "../helpers/actors";
import { queuedMails } from "../helpers/mails";
import { file, guestValues, lastTicketToken, PNG, solvedPow } from "../helpers/tickets";

const SECRET_NOTE = "INTERNAL: customer looks like a reseller, check chargebacks";

/** A guest's ticket, confirmed from its mail: the access a guard builds from the session the link opened. */
async function guestTicket(email: string, attachments = [file("shot.png", PNG)]) {
  const created = await createGuestTicket(
    {
      ...guestValues({ email, message: `Guest message text for ${email}` }),
      channel: "form",
      pow: solvedPow(),
      attachments,
    },
    meta({ ip: nextIp() }),
  );
  const { sessionToken } = await redeemTicketLink({ token: await lastTicketToken(email) }, meta({ ip: nextIp() }));
  const session = await validateTicketSession(sessionToken);
  if (!session) throw new Error("no ticket session");
  const access: TTicketAccess = { kind: "guest", ...session };
  return { ref: created.ref, access, sessionToken };
}

const note = (ref: string, body: string) => ({ ref, body, mode: "internal" as const });
const publicReply = (ref: string, body: string) => ({ ref, body, mode: "public" as const });

const attachmentIdOf = async (ref: string) =>
  (await db().attachment.findFirstOrThrow({ where: { ticket: { ref } } })).id;

let agent: TAgentSession;
beforeAll(async () => {
  agent = await givenAgent("agent", "agent@vendor.example");
});

describe("who can read a ticket", () => {
  it("shows a buyer their own tickets, by customer or by address, and nobody else's", async () => {
    await givenOrder("owner@example.com");
    await givenOrder("other@example.com");
    const owner = await signedIn("owner@example.com");
    const other = await signedIn("other@example.com");
    const mine = await createBuyerTicket(
      owner,
      { subject: "Portal ticket", message: "Written while signed in." },
      meta({ ip: null }),
    );
    // A guest ticket written from the owner's address (before they signed in) is theirs too.
    const asGuest = await guestTicket("owner@example.com");

    const asOwner: TTicketAccess = { kind: "buyer", buyer: owner };
    const asOther: TTicketAccess = { kind: "buyer", buyer: other };
    expect((await getTicketThread(asOwner, { ref: mine.ref })).subject).toBe("Portal ticket");
    expect((await getTicketThread(asOwner, { ref: asGuest.ref.toLowerCase() })).messages[0]?.body).toContain(
      "owner@example.com",
    );
    expect((await listBuyerTickets(owner)).map((t) => t.ref).sort()).toEqual([mine.ref, asGuest.ref].sort());

    expect((await errorOf(getTicketThread(asOther, { ref: mine.ref }))).code).toBe("not_found");
    expect((await errorOf(getTicketThread(asOther, { ref: asGuest.ref }))).code).toBe("not_found");
    expect(await listBuyerTickets(other)).toEqual([]);
    expect((await errorOf(replyAsCustomer(asOther, { ref: mine.ref, body: "hijack" }, meta()))).code).toBe("not_found");
    expect((await errorOf(setTicketClosedByCustomer(asOther, { ref: mine.ref, closed: true }, meta()))).code).toBe(
      "not_found",
    );
  });

  it("never shows a buyer an unconfirmed guest ticket that someone sent under their address", async () => {
    await givenOrder("victim@example.com");
    const victim = await signedIn("victim@example.com");
    const planted = await createGuestTicket(
      {
        ...guestValues({
          email: "victim@example.com",
          subject: "Your licence was suspended",
          message: "Log in at evil",
        }),
        channel: "api",
      },
      meta({ ip: nextIp() }),
    );
    const asVictim: TTicketAccess = { kind: "buyer", buyer: victim };
    expect(await listBuyerTickets(victim)).toEqual([]);
    expect((await errorOf(getTicketThread(asVictim, { ref: planted.ref }))).code).toBe("not_found");
    expect((await errorOf(replyAsCustomer(asVictim, { ref: planted.ref, body: "ok?" }, meta()))).code).toBe(
      "not_found",
    );
    // Once confirmed from the victim's own mailbox, it is theirs.
    await redeemTicketLink({ token: await lastTicketToken("victim@example.com") }, meta({ ip: nextIp() }));
    expect((await listBuyerTickets(victim)).map((t) => t.ref)).toEqual([planted.ref]);
  });

  it("scopes a guest's session to the one ticket its link opened, and ends it on revoke", async () => {
    const a = await guestTicket("guest-a@example.com");
    const b = await guestTicket("guest-b@example.com");
    expect((await getTicketThread(a.access, { ref: a.ref })).ref).toBe(a.ref);
    expect((await errorOf(getTicketThread(a.access, { ref: b.ref }))).code).toBe("not_found");
    expect((await errorOf(replyAsCustomer(a.access, { ref: b.ref, body: "hello" }, meta()))).code).toBe("not_found");

    // "Sign out of this request": from now on the session opens nothing, through any door.
    await leaveTicket(a.access);
    expect(await validateTicketSession(a.sessionToken)).toBeNull();
    expect((await errorOf(getTicketThread(a.access, { ref: a.ref }))).code).toBe("not_found");
    expect((await errorOf(replyAsCustomer(a.access, { ref: a.ref, body: "still here?" }, meta()))).code).toBe(
      "not_found",
    );
    expect((await errorOf(setTicketClosedByCustomer(a.access, { ref: a.ref, closed: true }, meta()))).code).toBe(
      "not_found",
    );
    const attachmentId = await attachmentIdOf(a.ref);
    expect(
      (await errorOf(openTicketAttachment({ kind: "customer", access: a.access }, { attachmentId }, meta()))).code,
    ).toBe("not_found");
    // The other guest's session is untouched.
    expect((await getTicketThread(b.access, { ref: b.ref })).ref).toBe(b.ref);
  });

  it("serves attachments only to the ticket's owner and agents, never those of internal notes", async () => {
    await givenOrder("files-owner@example.com");
    const owner = await signedIn("files-owner@example.com");
    const stranger = await signedIn((await givenOrder("stranger@example.com")).payload.customer.email);
    const guest = await guestTicket("files-guest@example.com");
    const buyerTicket = await createBuyerTicket(
      owner,
      { subject: "With a file", message: "See the attached screenshot.", attachments: [file("error.png", PNG)] },
      meta({ ip: null }),
    );
    const id = await attachmentIdOf(buyerTicket.ref);

    const opened = await openTicketAttachment(
      { kind: "customer", access: { kind: "buyer", buyer: owner } },
      { attachmentId: id },
      meta(),
    );
    expect(opened).toMatchObject({ fileName: "error.png", contentType: "image/png", size: PNG.length });
    for (const access of [{ kind: "buyer", buyer: stranger } as const, guest.access]) {
      expect(
        (await errorOf(openTicketAttachment({ kind: "customer", access }, { attachmentId: id }, meta()))).code,
      ).toBe("not_found");
    }
    expect(
      (
        await errorOf(
          openTicketAttachment(
            { kind: "customer", access: guest.access },
            { attachmentId: "../../etc/passwd" },
            meta(),
          ),
        )
      ).code,
    ).toBe("not_found");

    await openTicketAttachment({ kind: "agent", agent }, { attachmentId: id }, meta());
    expect(
      await db().auditEvent.count({
        where: { action: "ticket.attachment_downloaded", targetId: id, actorId: agent.agentId },
      }),
    ).toBe(1);

    await replyAsAgent(
      agent,
      { ...note(buyerTicket.ref, SECRET_NOTE), attachments: [file("internal.txt", "agent-only")] },
      meta(),
    );
    const noteFile = await db().attachment.findFirstOrThrow({
      where: { ticket: { ref: buyerTicket.ref }, message: { internal: true } },
    });
    expect(
      (
        await errorOf(
          openTicketAttachment(
            { kind: "customer", access: { kind: "buyer", buyer: owner } },
            { attachmentId: noteFile.id },
            meta(),
          ),
        )
      ).code,
    ).toBe("not_found");
    expect((await openTicketAttachment({ kind: "agent", agent }, { attachmentId: noteFile.id }, meta())).fileName).toBe(
      "internal.txt",
    );
  });
});

describe("replies and internal notes", () => {
  it("keeps internal notes out of the buyer's thread and out of every mail; mails carry a link, never the text", async () => {
    const guest = await guestTicket("thread@example.com", []);
    await replyAsAgent(agent, note(guest.ref, SECRET_NOTE), meta());
    const mailsAfterNote = await queuedMails({ to: "thread@example.com" });
    await replyAsAgent(agent, publicReply(guest.ref, "Public answer: please reinstall version 2.1."), meta());
    const mails = await queuedMails({ to: "thread@example.com" });
    expect(mails.length).toBe(mailsAfterNote.length + 1);
    const notification = mails.at(-1)!;
    expect(notification.kind).toBe("ticket.reply");
    expect(notification.text).toContain(guest.ref);
    expect(notification.text).toContain("/support/access?token=");

    const thread = await getTicketThread(guest.access, { ref: guest.ref });
    expect(thread.status).toBe("pending");
    expect(thread.messages.map((m) => [m.author, m.internal])).toEqual([
      ["customer", false],
      ["agent", false],
    ]);
    expect(JSON.stringify(thread)).not.toContain("reseller");

    const { redacted } = await replyAsCustomer(
      guest.access,
      { ref: guest.ref, body: "Still broken. Card 4111 1111 1111 1111 was charged." },
      meta(),
    );
    expect(redacted).toBe(1);
    const after = await getTicketThread(guest.access, { ref: guest.ref });
    expect(after.status).toBe("open");
    expect(after.messages.at(-1)?.body).toBe("Still broken. Card [card ending 1111] was charged.");

    for (const mail of await queuedMails()) {
      for (const text of [
        SECRET_NOTE,
        "reseller",
        "Public answer",
        "reinstall version",
        "Guest message text",
        "Still broken",
        "My licence key does not work",
      ]) {
        expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(text);
      }
    }
  });

  it("lets the buyer close and reopen their ticket, audited", async () => {
    const guest = await guestTicket("closer@example.com", []);
    await setTicketClosedByCustomer(guest.access, { ref: guest.ref, closed: true }, meta());
    expect((await getTicketThread(guest.access, { ref: guest.ref })).status).toBe("closed");
    await setTicketClosedByCustomer(guest.access, { ref: guest.ref, closed: false }, meta());
    expect((await getTicketThread(guest.access, { ref: guest.ref })).status).toBe("open");
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref: guest.ref } });
    expect(
      await db().auditEvent.count({
        where: { targetId: ticket.id, action: { in: ["ticket.closed_by_customer", "ticket.reopened_by_customer"] } },
      }),
    ).toBe(2);
  });
});

/** The "new link" form's fields as its action's wrapper parses them. */
const linkRequest = (fields: Record<string, unknown>) => parseOrThrow(ZTicketLinkRequest, fields);

async function drainWorker() {
  for (let i = 0; i < 3; i++) await processOutboxBatch({ workerId: "test" });
}

describe("a new link for a guest", () => {
  it("is mailed only when reference and address belong together, with the same answer and work either way", async () => {
    const { ref } = await guestTicket("lost-link@example.com", []);
    const before = (await queuedMails()).length;
    const tasksBefore = await db().outboxMessage.count({ where: { channel: "task" } });
    await expect(
      requestTicketLink(linkRequest({ ref, email: "someone@example.com" }), meta({ ip: nextIp() })),
    ).resolves.toBeUndefined();
    await expect(
      requestTicketLink(linkRequest({ ref: "KD-ZZZZZZ", email: "lost-link@example.com" }), meta({ ip: nextIp() })),
    ).resolves.toBeUndefined();
    // The request only queues a task, matching or not; the worker decides.
    expect(await db().outboxMessage.count({ where: { channel: "task" } })).toBe(tasksBefore + 2);
    await drainWorker();
    expect((await queuedMails()).length).toBe(before);
    await requestTicketLink(
      linkRequest({ ref: ref.toLowerCase(), email: "Lost-Link@example.com" }),
      meta({ ip: nextIp() }),
    );
    await drainWorker();
    const mail = (await queuedMails({ to: "lost-link@example.com" })).at(-1)!;
    expect(mail.kind).toBe("ticket.link");
    const { ref: opened } = await redeemTicketLink(
      { token: await lastTicketToken("lost-link@example.com") },
      meta({ ip: nextIp() }),
    );
    expect(opened).toBe(ref);
    const invalid = await errorOf(Promise.resolve().then(() => linkRequest({ ref: "nope", email: "x" })));
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["email", "ref"]);
  });
});

describe("double clicks", () => {
  it("add one reply and send one mail however often the same form is submitted", async () => {
    const { ref, access } = await guestTicket("double@example.com", []);
    const key = "form-render-key-1";
    await Promise.all(
      Array.from({ length: 10 }, () =>
        replyAsCustomer(access, { ref, body: "Still broken.", idempotencyKey: key }, meta()),
      ),
    );
    const ticket = await db().ticket.findUniqueOrThrow({ where: { ref }, include: { messages: true } });
    expect(ticket.messages.filter((m) => m.author === "customer")).toHaveLength(2); // the opening message + one reply

    const mailsBefore = (await queuedMails({ to: "double@example.com" })).length;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        replyAsAgent(agent, { ...publicReply(ref, "Try version 3.2.1."), idempotencyKey: key }, meta()),
      ),
    );
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id, author: "agent" } })).toBe(1);
    expect((await queuedMails({ to: "double@example.com" })).length).toBe(mailsBefore + 1);
    // A new form (new key) is a new reply.
    await replyAsCustomer(access, { ref, body: "Thanks, works.", idempotencyKey: "form-render-key-2" }, meta());
    expect(await db().ticketMessage.count({ where: { ticketId: ticket.id, author: "customer" } })).toBe(3);
  });
});
