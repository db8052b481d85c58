import "server-only";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";

// No 0/O or 1/I, so a reference read over the phone cannot be mistaken. 32^6 ≈ 10^9 references,
// drawn at random: a reference says nothing about the ticket's id, number or date.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

function randomRef(): string {
  let out = "KD-";
  for (let i = 0; i < 6; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A new, unused ticket reference such as "KD-7F3K9Q" (the unique index guards the rare race). */
export async function newTicketRef(): Promise<string> {
  for (;;) {
    const ref = randomRef();
    if (!(await db().ticket.findUnique({ where: { ref }, select: { id: true } }))) return ref;
  }
}

/** A reference that looks real but is not stored (answer to a form a bot filled in). */
export function decoyTicketRef(): string {
  return randomRef();
}
