// Outbox lanes: the worker claims lane 0 before lane 1. A look-up ("find my orders") and the sign-in
// link it sends expire (SIGN_IN_LINK_MINUTES); behind a backlog of thousands of other mails (ticket
// replies, refund notices, a newsletter confirmation wave) they would arrive dead. Leaf module: no
// imports, so producers (lib/mail, lib/tasks) and the claim (lib/outbox) can both use it.

/** Claimed first: work whose result a person is waiting for, with a link that expires. */
export const URGENT_LANE = 0;
/** Everything else, in due order. */
export const NORMAL_LANE = 1;

const URGENT_KINDS: ReadonlySet<string> = new Set([
  "buyer.lookup", // task: the look-up itself
  "buyer.sign_in_link", // its mail
  "ticket.link", // task and mail: a guest's link to their ticket
]);

/** The lane of an outbox row of this kind. */
export function laneOf(kind: string): number {
  return URGENT_KINDS.has(kind) ? URGENT_LANE : NORMAL_LANE;
}
