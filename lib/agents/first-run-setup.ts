import "server-only";
import { db } from "@/lib/db";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { env } from "@/lib/env";

/** A setup link works for one hour: it is printed in the start-up output, which logs may keep. */
export const SETUP_TOKEN_TTL_MS = 3_600_000;
const SETUP_IDENTIFIER = "first-run-admin";

/** A new link (printed once), or the expiry of the live one printed at an earlier start. */
export type TFirstRunSetup =
  { status: "created"; url: string; expiresAt: Date } | { status: "pending"; expiresAt: Date };

/**
 * `firstRunSetupLink()` (system: `npm start` prints it): when no admin exists yet, issues a one-time
 * link for creating the first admin — only when no unused link is still live, so a restart never
 * prints a working link again (the earlier one stays valid until it expires, then the next start
 * makes a new one and expired links are dropped). Returns null once an admin exists.
 */
export async function firstRunSetupLink(now = new Date()): Promise<TFirstRunSetup | null> {
  if (await db().agent.findFirst({ where: { role: "admin" }, select: { id: true } })) return null;
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
  const live = await db().$transaction(async (tx) => {
    const existing = await tx.verificationToken.findFirst({
      where: { purpose: "agent_setup", usedAt: null, expiresAt: { gt: now } },
      orderBy: { expiresAt: "desc" },
      select: { expiresAt: true },
    });
    if (existing) return existing;
    await tx.verificationToken.deleteMany({ where: { purpose: "agent_setup", usedAt: null } });
    await tx.verificationToken.create({
      data: {
        id: newId(),
        tokenHash: hashToken(token),
        purpose: "agent_setup",
        identifier: SETUP_IDENTIFIER,
        expiresAt,
      },
    });
    return null;
  });
  if (live) return { status: "pending", expiresAt: live.expiresAt };
  return { status: "created", url: `${env().appUrl}/agent/setup?token=${encodeURIComponent(token)}`, expiresAt };
}

/** `isSetupTokenUsable(token)` (public read for the setup page): whether a setup token can still be used (exists, unused, unexpired, and no admin yet). */
export async function isSetupTokenUsable(token: string): Promise<boolean> {
  const row = await db().verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "agent_setup" || row.usedAt || row.expiresAt <= new Date()) return false;
  return !(await db().agent.findFirst({ where: { role: "admin" }, select: { id: true } }));
}
