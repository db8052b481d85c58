import { ENC } from "@/lib/crypto/contexts";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { parseOrThrow } from "@/lib/errors";
import { createGuestTicket } from "@/lib/tickets/create-guest-ticket";
import { redeemTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { listTicketInbox } from "@/lib/tickets/list-ticket-inbox";
import { sealAgentSearch } from "@/lib/crypto/sealed-search";
import { getTicketForAgent } from "@/lib/tickets/get-ticket-for-agent";
import { getTicketWorkspace } from "@/lib/tickets/get-ticket-workspace";
import { updateTicket } from "@/lib/tickets/update-ticket";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { checkInTicketViewer } from "@/lib/tickets/check-in-ticket-viewer";
import { listCannedReplies } from "@/lib/tickets/list-canned-replies";
import { saveCannedReply } from "@/lib/tickets/save-canned-reply";
import { deleteCannedReply } from "@/lib/tickets/delete-canned-reply";
import { fillCannedReply } from "@/lib/tickets/fill-canned-reply";
import { applyAccountChange } from "@/lib/tickets/apply-account-change";
import { type TGuestTicket } from "@/lib/tickets/schemas";
import { INBOX_COUNT_CAP, ZAccountChange, ZTicketUpdate, inboxCountLabel } from "@/lib/tickets/agent-schemas";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import type { TAdminSession, TAgentSession } from "@/lib/auth/types";
import { givenOrder } from "../helpers/fixtures";
import { errorOf, givenAgent, meta, nextIp } from "../helpers/actors";
import { guestValues, lastTicketToken } from "../helpers/tickets";

let alex: TAgentSession;
let sam: TAgentSession;
let admin: TAdminSession;

/** A guest ticket via the API, confirmed from its mail unless `confirm` is false. */
async function ticket(email: string, extra: Partial<TGuestTicket> = {}, confirm = true): Promise<string> {
  const { ref } = await createGuestTicket(
    { ...guestValues({ email, ...extra }), channel: "api" },
    meta({ ip: nextIp() }),
  );
  if (confirm) await redeemTicketLink({ token: await lastTicketToken(email) }, meta({ ip: nextIp() }));
  return ref;
}

const refs = (list: { tickets: { ref: string }[] }) => list.tickets.map((t) => t.ref);
/** The inbox as the page gets it: a search arrives as the sealed `s` token its POST form redirects to. */
const inbox = (agent: TAgentSession, { q, ...search }: { view?: string; q?: string; sort?: string }) =>
  listTicketInbox(agent, { ...search, ...(q ? { s: sealAgentSearch(agent, q) } : {}) }, meta());
/** The ticket-settings form's fields as its action's wrapper parses them. */
const update = (agent: TAgentSession, fields: Record<string, unknown>) =>
  Promise.resolve().then(() => updateTicket(agent, parseOrThrow(ZTicketUpdate, fields), meta()));
/** The account-change form's fields as its action's wrapper parses them. */
const accountChange = (agent: TAgentSession, fields: Record<string, unknown>) =>
  Promise.resolve().then(() => applyAccountChange(agent, parseOrThrow(ZAccountChange, fields), meta()));
const publicReply = (ref: string, body: string) => ({ ref, body, mode: "public" as const });

beforeAll(async () => {
  alex = await givenAgent("agent", "alex@vendor.example");
  sam = await givenAgent("agent", "sam@vendor.example");
  admin = await givenAgent("admin", "root@vendor.example");
});

describe("the agent inbox", () => {
  it("sorts each queue by age, holds unconfirmed guest tickets apart, and finds tickets by reference, address or order number", async () => {
    const order = await givenOrder("inbox-buyer@example.com");
    const first = await ticket("inbox-buyer@example.com", { orderNumber: order.number });
    const second = await ticket("someone-else@example.com");
    const unconfirmed = await ticket("maybe-spam@example.com", {}, false);

    const unassigned = await inbox(alex, { view: "unassigned" });
    expect(refs(unassigned)).toEqual([first, second]);
    expect(refs(await inbox(alex, { view: "unassigned", sort: "newest" }))).toEqual([second, first]);
    expect(refs(await inbox(alex, { view: "unverified" }))).toEqual([unconfirmed]);
    expect(unassigned.counts).toMatchObject({ unassigned: 2, open: 2, unverified: 1, mine: 0, pending: 0, solved: 0 });

    await update(alex, { ref: first, assigneeId: alex.agentId, priority: "high" });
    expect(refs(await inbox(alex, { view: "mine" }))).toEqual([first]);
    expect(refs(await inbox(sam, { view: "mine" }))).toEqual([]);
    await replyAsAgent(sam, publicReply(second, "Could you send a screenshot?"), meta());
    expect(refs(await inbox(alex, { view: "pending" }))).toEqual([second]);
    await update(alex, { ref: second, status: "solved" });
    expect(refs(await inbox(alex, { view: "solved" }))).toEqual([second]);

    expect(refs(await inbox(alex, { view: "open", q: first.toLowerCase() }))).toEqual([first]);
    expect(refs(await inbox(alex, { view: "open", q: "Inbox-Buyer@Example.com" }))).toEqual([first]);
    expect(refs(await inbox(alex, { view: "open", q: order.number }))).toEqual([first]);
    expect(refs(await inbox(alex, { view: "open", q: "nobody@example.com" }))).toEqual([]);
    const searches = await db().auditEvent.findMany({
      where: { action: "ticket.searched", actorId: alex.agentId },
      orderBy: { at: "asc" },
    });
    expect(searches.map((s) => (s.metadata as { by: string }).by)).toEqual(["ref", "email", "order_number", "email"]);
    expect(JSON.stringify(searches)).not.toContain("inbox-buyer");
    // An order number is found as the order search finds it: with "#", in any case.
    expect(refs(await inbox(alex, { view: "open", q: `# ${order.number.toLowerCase()}` }))).toEqual([first]);

    // The text never travels in the URL: a plain `q`, another agent's token, an old or forged one find nothing.
    const plain = await listTicketInbox(alex, { view: "open", q: "inbox-buyer@example.com" } as never, meta());
    expect(plain.query).toBe("");
    const samsToken = sealAgentSearch(sam, "inbox-buyer@example.com");
    expect((await listTicketInbox(alex, { view: "open", s: samsToken }, meta())).query).toBe("");
    const old = sealAgentSearch(alex, "inbox-buyer@example.com", Date.now() - 2 * 3_600_000);
    expect((await listTicketInbox(alex, { view: "open", s: old }, meta())).query).toBe("");
    expect((await listTicketInbox(alex, { view: "open", s: samsToken.slice(0, -4) + "AAAA" }, meta())).query).toBe("");
    const token = sealAgentSearch(alex, "inbox-buyer@example.com");
    expect(token).not.toMatch(/inbox|buyer|example/i);
    expect(refs(await listTicketInbox(alex, { view: "open", s: token }, meta()))).toEqual([first]);
  });

  it("audits every plain view of a queue, with the queue and row count only", async () => {
    const viewer = await givenAgent("agent");
    await ticket("inbox-viewed@example.com");
    const list = await listTicketInbox(viewer, { view: "unassigned" }, meta({ ip: "203.0.113.61" }));
    await listTicketInbox(viewer, {}, meta());
    const views = await db().auditEvent.findMany({
      where: { action: "ticket_inbox.viewed", actorId: viewer.agentId },
      orderBy: { at: "asc" },
    });
    expect(views).toHaveLength(2);
    expect(views[0]?.metadata).toEqual({ view: "unassigned", rows: list.tickets.length });
    expect(views[0]?.ipEnc && decrypt(views[0].ipEnc, ENC.auditIp)).toBe("203.0.113.61");
    expect(JSON.stringify(views)).not.toMatch(/@example\.com|inbox-viewed/);
  });

  it("shows the thread with internal notes, the buyer's orders with key status and refunds, audits the view and every change", async () => {
    const order = await givenOrder("detail@example.com");
    const ref = await ticket("detail@example.com", { orderNumber: order.number });
    await replyAsAgent(alex, { ref, body: "Note to self", mode: "internal" }, meta());
    const view = await getTicketForAgent(alex, { ref }, meta());
    expect(view.messages.map((m) => [m.author, m.internal])).toEqual([
      ["customer", false],
      ["agent", true],
    ]);
    expect(view.orders).toHaveLength(1);
    expect(view.orders[0]).toMatchObject({ number: order.number, refunds: [] });
    expect(view.orders[0]?.items[0]).toMatchObject({ activeKeys: 1, revokedKeys: 0 });
    expect(view.linkedOrderId).toBe(order.orderId);

    await update(alex, { ref, status: "pending", priority: "urgent", assigneeId: sam.agentId });
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
    expect((await errorOf(update(alex, { ref, assigneeId: "no-such-agent" }))).fieldErrors?.assigneeId).toBeDefined();
    expect((await errorOf(update(alex, { ref, status: "deleted" }))).code).toBe("invalid_input");
  });

  it("shows only what the sender typed until they confirm: no matched customer's details or orders", async () => {
    const order = await givenOrder("matched@example.com");
    await db().customer.updateMany({
      where: { orders: { some: { id: order.orderId } } },
      data: { phoneEnc: encrypt("+491701234567", ENC.customerPhone) },
    });
    const ref = await ticket("matched@example.com", { name: "Typed Name", orderNumber: order.number }, false);
    const before = await getTicketWorkspace(alex, { ref }, meta());
    expect(before.ticket.verified).toBe(false);
    expect(before.ticket.customer).toBeNull();
    expect(before.ticket.orders).toEqual([]);
    expect(before.ticket.linkedOrderId).toBeNull();
    expect(before.customerName).toBe("Typed Name");
    expect(before.ticket.email).toBe("matched@example.com");
    expect(JSON.stringify(before)).not.toContain("Test Buyer");
    expect(JSON.stringify(before)).not.toContain("+491701234567");
    expect(JSON.stringify(before)).not.toContain(order.number);
    // The view is not recorded as a view of that customer's data (none was shown).
    const viewed = await db().auditEvent.findFirstOrThrow({
      where: { action: "ticket.viewed", targetId: before.ticket.id },
    });
    expect(viewed.customerId).toBeNull();

    await redeemTicketLink({ token: await lastTicketToken("matched@example.com") }, meta({ ip: nextIp() }));
    const after = await getTicketWorkspace(alex, { ref }, meta());
    expect(after.ticket.customer?.phone).toBe("+491701234567");
    expect(after.ticket.orders.map((o) => o.number)).toEqual([order.number]);
    expect(after.ticket.linkedOrderId).toBe(order.orderId);
  });

  it("tells an agent who else has the ticket open and who is writing", async () => {
    const ref = await ticket("viewers@example.com");
    expect(await checkInTicketViewer(alex, { ref, composing: false })).toEqual([]);
    await checkInTicketViewer(sam, { ref, composing: true });
    expect(await checkInTicketViewer(alex, { ref, composing: false })).toEqual([{ name: "sam", composing: true }]);
    // A viewer who stopped checking in is no longer shown.
    await db().ticketViewer.updateMany({
      where: { agentId: sam.agentId },
      data: { lastSeenAt: new Date(Date.now() - 60_000) },
    });
    expect(await checkInTicketViewer(alex, { ref, composing: false })).toEqual([]);
  });
});

describe("the agent inbox's queue counts", () => {
  it('are exact up to 1,000 and read "1,000+" past it, so a long history costs no more than a full page', async () => {
    const counter = await givenAgent("agent");
    const before = (await inbox(counter, { view: "solved" })).counts;
    expect(before.solved).toBeLessThan(INBOX_COUNT_CAP);
    // More solved tickets than the cap (written directly: the queue's history, not its journeys).
    const at = new Date("2025-01-01T00:00:00Z");
    await db().ticket.createMany({
      data: Array.from({ length: INBOX_COUNT_CAP + 50 }, (_, i) => ({
        id: newId(),
        ref: `KD-CAP${String(i).padStart(4, "0")}`,
        emailHash: emailIndex(`history${i}@example.com`),
        emailEnc: encrypt(`history${i}@example.com`, ENC.ticketEmail),
        subjectEnc: encrypt("An old question", ENC.ticketSubject),
        status: i % 2 ? "solved" : "closed",
        verifiedAt: at,
        createdAt: at,
        lastMessageAt: at,
      })),
    });
    const mine = await ticket("counted-mine@example.com");
    await update(counter, { ref: mine, assigneeId: counter.agentId });

    const after = await inbox(counter, { view: "solved" });
    expect(after.counts.solved).toBe(INBOX_COUNT_CAP + 1);
    expect(inboxCountLabel(after.counts.solved)).toBe("1,000+");
    expect(inboxCountLabel(INBOX_COUNT_CAP)).toBe("1,000");
    expect(after.counts).toMatchObject({ mine: 1, unverified: before.unverified, pending: before.pending });
    expect(after.counts.open).toBe(before.open + 1);
    // The list itself still shows the oldest first, a page at a time.
    expect(after.tickets).toHaveLength(100);
  });
});

describe("the agent's ticket page (getTicketWorkspace)", () => {
  it("returns the ticket, its thread, the customer's orders, filled canned replies and other viewers, and writes no viewer row", async () => {
    const order = await givenOrder("workspace@example.com");
    const ref = await ticket("workspace@example.com", { name: "Ada", orderNumber: order.number });
    await replyAsAgent(sam, { ref, body: "Checked the key server", mode: "internal" }, meta());
    const { id: cannedId } = await saveCannedReply(
      admin,
      { title: "Workspace greeting", body: "Hi {{name}}, about order {{order_number}} ({{ticket_ref}})" },
      meta(),
    );
    await checkInTicketViewer(sam, { ref, composing: true });
    const viewersBefore = await db().ticketViewer.count();

    const page = meta({ ip: "203.0.113.77" });
    const workspace = await getTicketWorkspace(alex, { ref: ref.toLowerCase() }, page);
    expect(workspace.ticket.ref).toBe(ref);
    expect(workspace.ticket.messages.map((m) => [m.author, m.internal])).toEqual([
      ["customer", false],
      ["agent", true],
    ]);
    expect(workspace.ticket.orders.map((o) => o.number)).toEqual([order.number]);
    expect(workspace.customerName).toBe("Ada");
    expect(workspace.canned.find((c) => c.id === cannedId)?.body).toBe(`Hi Ada, about order ${order.number} (${ref})`);
    expect(workspace.others).toEqual([{ name: "sam", composing: true }]);

    // Rendering the page records no presence: only the poll does.
    expect(await db().ticketViewer.count()).toBe(viewersBefore);
    expect(await db().ticketViewer.count({ where: { agentId: alex.agentId, ticketId: workspace.ticket.id } })).toBe(0);
    // The view of the customer's data is audited, with where it was opened from.
    const viewed = await db().auditEvent.findFirstOrThrow({
      where: { action: "ticket.viewed", actorId: alex.agentId, targetId: workspace.ticket.id },
    });
    expect(viewed.ipEnc).not.toBeNull();
    expect(viewed.userAgent).toBe("vitest");
    expect((await errorOf(getTicketWorkspace(alex, { ref: "KD-ZZZZZZ" }, meta()))).code).toBe("not_found");
    await deleteCannedReply(admin, { id: cannedId }, meta());
  });

  it("records the agent on the ticket with the check-in poll, which the next page render then shows to others", async () => {
    const ref = await ticket("poll@example.com");
    const { id: ticketId } = await db().ticket.findUniqueOrThrow({ where: { ref } });
    expect(await db().ticketViewer.count({ where: { agentId: alex.agentId, ticketId } })).toBe(0);
    expect(await checkInTicketViewer(alex, { ref, composing: false })).toEqual([]);
    const row = await db().ticketViewer.findFirstOrThrow({ where: { agentId: alex.agentId, ticketId } });
    expect(row.composing).toBe(false);
    expect((await getTicketWorkspace(sam, { ref }, meta())).others).toEqual([{ name: "alex", composing: false }]);
    expect((await errorOf(checkInTicketViewer(alex, { ref: "KD-ZZZZZZ", composing: false }))).code).toBe("not_found");
  });
});

describe("canned replies", () => {
  it("are managed by admins only and filled in for the ticket", async () => {
    expect((await errorOf(saveCannedReply(alex, { title: "Hi", body: "Hello" }, meta()))).code).toBe("forbidden");
    const { id } = await saveCannedReply(
      admin,
      { title: "Reinstall", body: "Hello {{name}}, about order {{order_number}} ({{ticket_ref}}): {{unknown}}" },
      meta(),
    );
    await saveCannedReply(
      admin,
      { id, title: "Reinstall steps", body: "Hello {{ name }}, order {{order_number}} ({{ticket_ref}}) {{unknown}}" },
      meta(),
    );
    expect((await errorOf(listCannedReplies(alex))).code).toBe("forbidden");
    const [reply] = await listCannedReplies(admin);
    expect(reply?.title).toBe("Reinstall steps");
    expect(fillCannedReply(reply!.body, { name: "Grace", orderNumber: "100234", ticketRef: "KD-7F3K9Q" })).toBe(
      "Hello Grace, order 100234 (KD-7F3K9Q) {{unknown}}",
    );
    expect(fillCannedReply(reply!.body, { name: null, orderNumber: null, ticketRef: "KD-7F3K9Q" })).toBe(
      "Hello there, order your order (KD-7F3K9Q) {{unknown}}",
    );
    expect((await errorOf(deleteCannedReply(alex, { id }, meta()))).code).toBe("forbidden");
    await deleteCannedReply(admin, { id }, meta());
    expect(await listCannedReplies(admin)).toEqual([]);
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
    expect((await errorOf(accountChange(alex, { ref: unconfirmed, ...change }))).code).toBe("conflict");

    const ref = await ticket("mover@example.com", { category: "account_change" });
    expect((await errorOf(accountChange(alex, { ref, phone: "12" }))).fieldErrors?.phone).toBeDefined();
    expect((await errorOf(accountChange(alex, { ref, line1: "Only a street" }))).fieldErrors?.city).toBeDefined();
    expect(await accountChange(alex, { ref, ...change })).toEqual({
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
    const view = await getTicketForAgent(alex, { ref }, meta());
    expect(view.messages.at(-1)).toMatchObject({ author: "system", internal: true });
    expect(view.customer?.name).toBe("Grace Hopper");
    // The stored address is read back through its schema, as the agent's page shows it.
    expect(view.customer?.address).toMatchObject({ line1: "Hauptstr. 1", postalCode: "10115", country: "DE" });
  });

  it("refuses a ticket from an address that has no customer", async () => {
    const ref = await ticket("no-orders@example.com", { category: "account_change" });
    expect((await errorOf(accountChange(alex, { ref, name: "New Name" }))).code).toBe("conflict");
  });
});
