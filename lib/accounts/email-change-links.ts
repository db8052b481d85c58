import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db, type TTx } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { ZLinkToken } from "@/lib/accounts/schemas";
import type { TErrorKey } from "@/lib/errors";

/** A confirm link for a new address works this long (requested by the buyer). */
export const CONFIRM_LINK_MS = 15 * 60_000;
/** …and this long when an agent started the change (the buyer may not be at their mailbox). */
export const AGENT_CONFIRM_LINK_MS = 24 * 3_600_000;
/** The undo link mailed to the old address works this long. */
export const UNDO_LINK_MS = 7 * 24 * 3_600_000;

const ZChangePayload = z.object({
  customerId: z.string(),
  from: z.string(),
  to: z.string(),
  /** The session that asked for the change; it stays signed in when the change goes through. */
  sessionId: z.string().nullable(),
  /** The agent who started the change (typo correction), or null when the buyer did. */
  agentId: z.string().nullable(),
});
export type TChangePayload = z.infer<typeof ZChangePayload>;

const ZUndoPayload = z.object({ customerId: z.string(), from: z.string(), to: z.string() });
export type TUndoPayload = z.infer<typeof ZUndoPayload>;

type TPurpose = "email_change" | "email_change_undo";

/** Stores a single-use link (keyed hash only) bound to the address it is mailed to; returns the token. */
export async function createLink(
  tx: TTx,
  purpose: TPurpose,
  sentTo: string,
  payload: TChangePayload | TUndoPayload,
  ttlMs: number,
): Promise<{ token: string; id: string }> {
  const token = randomToken();
  const id = newId();
  await tx.verificationToken.create({
    data: {
      id,
      tokenHash: hashToken(token),
      purpose,
      identifier: emailIndex(sentTo),
      payloadEnc: encrypt(JSON.stringify(payload), ENC.verificationTokenPayload),
      expiresAt: new Date(Date.now() + ttlMs),
    },
  });
  return { token, id };
}

export type TLinkState = "valid" | "expired" | "used" | "unknown";

/** Opens a link's stored payload and checks its shape (it was written by `createLink`). */
function openPayload(purpose: "email_change", sealed: string): TChangePayload;
function openPayload(purpose: "email_change_undo", sealed: string): TUndoPayload;
function openPayload(purpose: TPurpose, sealed: string): TChangePayload | TUndoPayload;
function openPayload(purpose: TPurpose, sealed: string): TChangePayload | TUndoPayload {
  const json: unknown = JSON.parse(decrypt(sealed, ENC.verificationTokenPayload));
  return purpose === "email_change" ? ZChangePayload.parse(json) : ZUndoPayload.parse(json);
}

/**
 * The addresses a stored change or undo link is about (both kinds carry the customer and the two
 * addresses) — erasure uses it to find every address a customer ever had.
 */
export function linkAddresses(sealed: string): TUndoPayload {
  return ZUndoPayload.parse(JSON.parse(decrypt(sealed, ENC.verificationTokenPayload)));
}

/** Reads a link without using it (the GET of its page): its state and payload. */
export async function readLink(
  token: string,
  purpose: "email_change",
): Promise<{ state: TLinkState; payload?: TChangePayload }>;
export async function readLink(
  token: string,
  purpose: "email_change_undo",
): Promise<{ state: TLinkState; payload?: TUndoPayload }>;
export async function readLink(
  token: string,
  purpose: TPurpose,
): Promise<{ state: TLinkState; payload?: TChangePayload | TUndoPayload }> {
  if (!ZLinkToken.safeParse(token).success) return { state: "unknown" };
  const row = await db().verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose || !row.payloadEnc) return { state: "unknown" };
  const payload = openPayload(purpose, row.payloadEnc);
  const state: TLinkState = row.usedAt ? "used" : row.expiresAt <= new Date() ? "expired" : "valid";
  return { state, payload };
}

/**
 * Uses a link inside a transaction: burns it atomically (a second use, even at the same moment,
 * fails) and returns its payload, or null when it is unknown, used or expired.
 */
export async function burnLink(tx: TTx, token: string, purpose: "email_change"): Promise<TChangePayload | null>;
export async function burnLink(tx: TTx, token: string, purpose: "email_change_undo"): Promise<TUndoPayload | null>;
export async function burnLink(
  tx: TTx,
  token: string,
  purpose: TPurpose,
): Promise<TChangePayload | TUndoPayload | null> {
  if (!ZLinkToken.safeParse(token).success) return null;
  const tokenHash = hashToken(token);
  const now = new Date();
  const burned = await tx.verificationToken.updateMany({
    where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (burned.count !== 1) return null;
  const row = await tx.verificationToken.findUniqueOrThrow({ where: { tokenHash }, select: { payloadEnc: true } });
  return row.payloadEnc ? openPayload(purpose, row.payloadEnc) : null;
}

/** The catalogue keys of LINK_PROBLEMS, for buyers reading another language. */
export const LINK_PROBLEM_KEYS = {
  expired: "changeLinkExpired",
  used: "changeLinkUsed",
  unknown: "changeLinkUnknown",
} as const satisfies Record<Exclude<TLinkState, "valid">, TErrorKey>;

export const LINK_PROBLEMS: Record<Exclude<TLinkState, "valid">, string> = {
  expired: "This link has expired.",
  used: "This link was already used. Each link works once.",
  unknown: "This link is not valid. It may have been copied incompletely.",
};
