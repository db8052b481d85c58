import "server-only";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { signChallenge } from "@/lib/pow/pow-key";

/** A proof-of-work puzzle as the browser receives it (ALTCHA-style). */
export interface TPowChallenge {
  algorithm: "SHA-256";
  /** hex SHA-256 of `salt + n` for a secret n in [0, maxNumber]. */
  challenge: string;
  /** Random hex, then `?expires=<unix seconds>`: the expiry is covered by the hash and the signature. */
  salt: string;
  maxNumber: number;
  signature: string;
}

/** How hard the puzzle is: the browser tries on average half of this many SHA-256 hashes (~1 s). */
export const POW_MAX_NUMBER = 100_000;
/** How long a puzzle may be solved and submitted (a person writing a long message included). */
export const POW_TTL_SECONDS = 60 * 60;

/**
 * A new puzzle for a guest form: the server picks a secret number, publishes only the hash of
 * salt + number and signs it, so it needs no storage until a solution comes back.
 */
export function createPowChallenge(now = new Date(), maxNumber = POW_MAX_NUMBER): TPowChallenge {
  const expires = Math.floor(now.getTime() / 1000) + POW_TTL_SECONDS;
  const salt = `${randomBytes(12).toString("hex")}?expires=${expires}`;
  const secret = randomInt(0, maxNumber + 1);
  const challenge = createHash("sha256").update(`${salt}${secret}`).digest("hex");
  return { algorithm: "SHA-256", challenge, salt, maxNumber, signature: signChallenge(challenge) };
}
