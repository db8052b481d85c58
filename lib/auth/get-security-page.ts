import "server-only";
import { db } from "@/lib/db";
import { newTotpEnrolment, type TTotpEnrolmentView } from "@/lib/auth/totp-enrolment";
import type { TAgentSession } from "@/lib/auth/types";

export interface TSecurityPage {
  enrolledAt: Date | null;
  recoveryCodesLeft: number;
  /** A ready set-up for agents without an app; null once enrolled. */
  enrolment: TTotpEnrolmentView | null;
  /** The agent's passkeys, oldest first. */
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; synced: boolean }[];
  /** The agent's live sessions (this one included). */
  activeSessions: number;
}

/** `getSecurityPage(agent)`: the agent's own sign-in security — second factor, passkeys and open sessions. */
export async function getSecurityPage(agent: TAgentSession): Promise<TSecurityPage> {
  const [row, recoveryCodesLeft, activeSessions, passkeys] = await Promise.all([
    db().agent.findUniqueOrThrow({ where: { id: agent.agentId }, select: { totpEnabledAt: true } }),
    db().agentRecoveryCode.count({ where: { agentId: agent.agentId, usedAt: null } }),
    db().session.count({
      where: { agentId: agent.agentId, kind: "agent", revokedAt: null, expiresAt: { gt: new Date() } },
    }),
    db().agentPasskey.findMany({
      where: { agentId: agent.agentId },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return {
    enrolledAt: row.totpEnabledAt,
    recoveryCodesLeft,
    enrolment: row.totpEnabledAt ? null : await newTotpEnrolment(agent),
    activeSessions,
    passkeys: passkeys.map(({ deviceType, ...p }) => ({ ...p, synced: deviceType === "multiDevice" })),
  };
}
