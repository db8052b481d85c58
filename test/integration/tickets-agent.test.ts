import { ENC } from "@/lib/crypto/contexts";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { listTicketInbox } from "@/lib/tickets/list-ticket-inbox";
import { getTicketForAgent } from "@/lib/tickets/get-ticket-for-agent";
import { updateTicket } from "@/lib/tickets/update-ticket";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { checkInTicketViewer } from "@/lib/tickets/ticket-viewers";
import { deleteCannedReply, listCannedReplies, saveCannedReply } from "@/lib/tickets/canned-replies";
import { fillCannedReply } from "@/lib/tickets/fill-canned-reply";
import { applyAccountChange } from "@/lib/tickets/apply-account-change";
import type { TAgentSession } from "@/lib/auth/types";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, guestValues, lastTicketToken, nextIp } from "./tickets-helpers";

let alex: TAgentSession;
let sam: TAgentSession;
let admin: TAgentSession;

/** A guest ticket via the API, confirmed from its mail unless `confirm` is false. */
async function ticket(email: string, extra: Record<string, unknown> = {}, confirm = true): Promise<string> {
  const { ref } = await createGuestTicket({
    values: guestValues({ email, ...extra }),
    channel: "api",
    ip: nextIp(),
    userAgent: "vitest",
  });
  if (confirm) await redeemTicketLink({ token: await lastTicketToken(email), ip: nextIp(), userAgent: "vitest" });
  return ref;
}

const refs = (list: { tickets: { ref: string }[] }) => list.tickets.map((t) => t.ref);

beforeAll(async () => {
  alex = await givenAgent("alex@vendor.example");
  sam = await givenAgent("sam@vendor.example");
  admin = await givenAgent("root@vendor.example", "admin");
});

describe("the agent inbox", () => {
  it("sorts each queue by age, holds unconfirmed guest tickets apart, and finds tickets by reference, address or order number", async () => {
    const order = await givenOrder("inbox-buyer@example.com");
    const first = await ticket("inbox-buyer@example.com", { orderNumber: order.number });
    const second = await ticket("someone-else@example.com");
    const unconfirmed = await ticket("maybe-spam@example.com", {}, false);

    const unassigned = await listTicketInbox({ agent: alex, view: "unassigned" });
    expect(refs(unassigned)).toEqual([first, second]);
    expect(refs(await listTicketInbox({ agent: alex, view: "unassigned", newestFirst: true }))).toEqual([
      second,
      first,
    ]);
    expect(refs(await listTicketInbox({ agent: alex, view: "unverified" }))).toEqual([unconfirmed]);
    expect(unassigned.counts).toMatchObject({ unassigned: 2, open: 2, unverified: 1, mine: 0, pending: 0, solved: 0 });

    await updateTicket({ agent: alex, ref: first, values: { assigneeId: alex.agentId, priority: "high" } });
    expect(refs(await listTicketInbox({ agent: alex, view: "mine" }))).toEqual([first]);
    expect(refs(await listTicketInbox({ agent: sam, view: "mine" }))).toEqual([]);
    await replyAsAgent({ agent: sam, ref: second, values: { body: "Could you send a screenshot?", internal: false } });
    expect(refs(await listTicketInbox({ agent: alex, view: "pending" }))).toEqual([second]);
    await updateTicket({ agent: alex, ref: second, values: { status: "solved" } });
    expect(refs(await listTicketInbox({ agent: alex, view: "solved" }))).toEqual([second]);

    expect(refs(await listTicketInbox({ agent: alex, view: "open", query: first.toLowerCase() }))).toEqual([first]);
    expect(refs(await listTicketInbox({ agent: alex, view: "open", query: "Inbox-Buyer@Example.com" }))).toEqual([
      first,
    ]);
    expect(refs(await listTicketInbox({ agent: alex, view: "open", query: order.number }))).toEqual([first]);
    expect(refs(await listTicketInbox({ agent: alex, view: "open", query: "nobody@example.com" }))).toEqual([]);
    const searches = await db().auditEvent.findMany({
      where: { action: "ticket.searched", actorId: alex.agentId },
      orderBy: { at: "asc" },
    });
    expect(searches.map((s) => (s.metadata as { by: string }).by)).toEqual(["ref", "email", "order_number", "email"]);
    expect(JSON.stringify(searches)).not.toContain("inbox-buyer");
  });

  it("shows the thread with internal notes, the buyer's orders with key status and refunds, audits the view and every change", async () => {
    const order = await givenOrder("detail@example.com");
    const ref = await ticket("detail@example.com", { orderNumber: order.number });
    await replyAsAgent({ agent: alex, ref, values: { body: "Note to self", internal: true } });
    const view = await getTicketForAgent({ agent: alex, ref });
    expect(view.messages.map((m) => [m.author, m.internal])).toEqual([
      ["customer", false],
      ["agent", true],
    ]);
    expect(view.orders).toHaveLength(1);
    expect(view.orders[0]).toMatchObject({ number: order.number, refunds: [] });
    expect(view.orders[0]?.items[0]).toMatchObject({ activeKeys: 1, revokedKeys: 0 });
    expect(view.linkedOrderId).toBe(order.orderId);

    await updateTicket({
      agent: alex,
      ref,
      values: { status: "pending", priority: "urgent", assigneeId: sam.agentId },
    });
    const ticketId = view.id;
    const events = await db().auditEvent.findMany({ where: { targetId: ticketId }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["ticket.note_added", "ticket.viewed", "ticket.updated"]),
    );
    const updated = events.find((e) => e.action === "ticket.updated");
    expect(updated?.metadata).toMatchObject({
      statusFrom: "open",
      statusTo: "pending",
      priorityTo: "urgent",
      assigneeTo: sam.agentId,
    });
    expect(
      (await errorOf(updateTicket({ agent: alex, ref, values: { assigneeId: "no-such-agent" } }))).fieldErrors
        ?.assigneeId,
    ).toBeDefined();
    expect((await errorOf(updateTicket({ agent: alex, ref, values: { status: "deleted" } }))).code).toBe(
      "invalid_input",
    );
  });

  it("tells an agent who else has the ticket open and who is writing", async () => {
    const ref = await ticket("viewers@example.com");
    expect(await checkInTicketViewer({ agent: alex, ref, composing: false })).toEqual([]);
    await checkInTicketViewer({ agent: sam, ref, composing: true });
    expect(await checkInTicketViewer({ agent: alex, ref, composing: false })).toEqual([
      { name: "sam", composing: true },
    ]);
    // A viewer who stopped checking in is no longer shown.
    await db().ticketViewer.updateMany({
      where: { agentId: sam.agentId },
      data: { lastSeenAt: new Date(Date.now() - 60_000) },
    });
    expect(await checkInTicketViewer({ agent: alex, ref, composing: false })).toEqual([]);
  });
});

describe("canned replies", () => {
  it("are managed by admins only and filled in for the ticket", async () => {
    expect((await errorOf(saveCannedReply({ admin: alex, values: { title: "Hi", body: "Hello" } }))).code).toBe(
      "forbidden",
    );
    const { id } = await saveCannedReply({
      admin,
      values: {
        title: "Reinstall",
        body: "Hello {{name}}, about order {{order_number}} ({{ticket_ref}}): {{unknown}}",
      },
    });
    await saveCannedReply({
      admin,
      values: {
        id,
        title: "Reinstall steps",
        body: "Hello {{ name }}, order {{order_number}} ({{ticket_ref}}) {{unknown}}",
      },
    });
    const [reply] = await listCannedReplies();
    expect(reply?.title).toBe("Reinstall steps");
    expect(fillCannedReply(reply!.body, { name: "Grace", orderNumber: "100234", ticketRef: "KD-7F3K9Q" })).toBe(
      "Hello Grace, order 100234 (KD-7F3K9Q) {{unknown}}",
    );
    expect(fillCannedReply(reply!.body, { name: null, orderNumber: null, ticketRef: "KD-7F3K9Q" })).toBe(
      "Hello there, order your order (KD-7F3K9Q) {{unknown}}",
    );
    expect((await errorOf(deleteCannedReply({ admin: alex, id }))).code).toBe("forbidden");
    await deleteCannedReply({ admin, id });
    expect(await listCannedReplies()).toEqual([]);
    expect(await db().auditEvent.count({ where: { targetId: id } })).toBe(3);
  });
});

describe("account-change requests", () => {
  it("apply the requested change to a known customer from a confirmed ticket, audited and noted internally", async () => {
    await givenOrder("mover@example.com");
    const unconfirmed = await ticket("mover@example.com", { category: "account_change" }, false);
    const change = {
      name: "Grace Hopper",
      phone: "+49 170 1234567",
      line1: "Hauptstr. 1",
      postalCode: "10115",
      city: "Berlin",
      country: "de",
    };
    expect((await errorOf(applyAccountChange({ agent: alex, ref: unconfirmed, values: change }))).code).toBe(
      "conflict",
    );

    const ref = await ticket("mover@example.com", { category: "account_change" });
    expect(
      (await errorOf(applyAccountChange({ agent: alex, ref, values: { phone: "12" } }))).fieldErrors?.phone,
    ).toBeDefined();
    expect(
      (await errorOf(applyAccountChange({ agent: alex, ref, values: { line1: "Only a street" } }))).fieldErrors?.city,
    ).toBeDefined();
    expect(await applyAccountChange({ agent: alex, ref, values: change })).toEqual({
      fields: ["name", "phone", "address"],
    });

    const customer = await db().customer.findFirstOrThrow({ where: { tickets: { some: { ref } } } });
    expect(decrypt(customer.nameEnc!, ENC.customerName)).toBe("Grace Hopper");
    expect(decrypt(customer.phoneEnc!, ENC.customerPhone)).toBe("+491701234567");
    expect(JSON.parse(decrypt(customer.addressEnc!, ENC.customerAddress))).toMatchObject({
      line1: "Hauptstr. 1",
      city: "Berlin",
      country: "DE",
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "customer.updated_from_ticket" } });
    expect(event).toMatchObject({ actorId: alex.agentId, customerId: customer.id });
    expect(JSON.stringify(event)).not.toContain("Hopper");
    const view = await getTicketForAgent({ agent: alex, ref });
    expect(view.messages.at(-1)).toMatchObject({ author: "system", internal: true });
    expect(view.customer?.name).toBe("Grace Hopper");
  });

  it("refuses a ticket from an address that has no customer", async () => {
    const ref = await ticket("no-orders@example.com", { category: "account_change" });
    expect((await errorOf(applyAccountChange({ agent: alex, ref, values: { name: "New Name" } }))).code).toBe(
      "conflict",
    );
  });
});
