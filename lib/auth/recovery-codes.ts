import "server-only";
import { randomInt } from "node:crypto";
import type { TTx } from "@/lib/db";
import { hashToken, newId } from "@/lib/crypto/tokens";

// Ten single-use codes that stand in for the authenticator app. Shown once; only a keyed hash
// (bound to the agent) is stored, so a database dump yields no usable code.

export const RECOVERY_CODE_COUNT = 10;

// No 0/o, 1/l/i: codes are typed from paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** A code as typed (any case, spaces or dashes) in the form it is hashed. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** True when `code` looks like a recovery code rather than a 6-digit app code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 10;
}

function recoveryCodeHash(agentId: string, code: string): string {
  return hashToken(`recovery:${agentId}:${normaliseRecoveryCode(code)}`);
}

/** Replaces an agent's recovery codes with ten new ones; returns them (the only time they exist in clear). */
export async function replaceRecoveryCodes(tx: TTx, agentId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.agentRecoveryCode.deleteMany({ where: { agentId } });
  await tx.agentRecoveryCode.createMany({
    data: codes.map((code) => ({ id: newId(), agentId, codeHash: recoveryCodeHash(agentId, code) })),
  });
  return codes;
}

/** Uses up one of the agent's recovery codes; false when it is unknown or was used before (atomic). */
export async function useRecoveryCode(tx: TTx, agentId: string, code: string): Promise<boolean> {
  const used = await tx.agentRecoveryCode.updateMany({
    where: { agentId, codeHash: recoveryCodeHash(agentId, code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}
