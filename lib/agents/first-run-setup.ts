import "server-only";
import { db } from "@/lib/db";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";

export const SETUP_TOKEN_TTL_MS = 24 * 3_600_000;
const SETUP_IDENTIFIER = "first-run-admin";

/**
 * `firstRunSetupLink()` (system: `npm start` prints it): when no admin exists yet, issues a fresh one-time link for creating the first admin (older
 * unused links stop working) and returns it; returns null once an admin exists.
 */
export async function firstRunSetupLink(): Promise<string | null> {
  if (await db().agent.findFirst({ where: { role: "admin" }, select: { id: true } })) return null;
  const token = randomToken();
  await db().$transaction([
    db().verificationToken.deleteMany({ where: { purpose: "agent_setup", usedAt: null } }),
    db().verificationToken.create({
      data: {
        id: newId(),
        tokenHash: hashToken(token),
        purpose: "agent_setup",
        identifier: SETUP_IDENTIFIER,
        expiresAt: new Date(Date.now() + SETUP_TOKEN_TTL_MS),
      },
    }),
  ]);
  return `${env().appUrl}/agent/setup?token=${encodeURIComponent(token)}`;
}

/** `isSetupTokenUsable(token)` (public read for the setup page): whether a setup token can still be used (exists, unused, unexpired, and no admin yet). */
export async function isSetupTokenUsable(token: string): Promise<boolean> {
  const row = await db().verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "agent_setup" || row.usedAt || row.expiresAt <= new Date()) return false;
  return !(await db().agent.findFirst({ where: { role: "admin" }, select: { id: true } }));
}
