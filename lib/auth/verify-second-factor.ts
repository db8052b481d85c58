import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { acceptedTotpStep } from "@/lib/auth/totp";
import { looksLikeRecoveryCode, useRecoveryCode } from "@/lib/auth/recovery-codes";
import { clearSecondFactorAttempts, countSecondFactorAttempt } from "@/lib/auth/second-factor-attempts";
import { markSecondFactorGiven } from "@/lib/auth/pending-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TPendingAgent } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TSecondFactorCodeInput } from "@/lib/auth/schemas";

export const WRONG_CODE = "That code is not right, or it was already used. Try the next code your app shows.";

/**
 * `verifySecondFactor(pending, input, meta)`: checks the code an agent gives after their password —
 * a 6-digit code from their app (each time step accepted once: a replayed code is refused) or one
 * of their recovery codes (each usable once) — and marks the pending session as verified.
 * Throttled per account and per IP; every attempt audited.
 */
export async function verifySecondFactor(
  pending: TPendingAgent,
  input: TSecondFactorCodeInput,
  meta: TRequestMeta,
): Promise<void> {
  if (!pending.enrolled) throw new AppError("conflict", "Set up your authenticator app first.");
  await countSecondFactorAttempt(pending.agentId, meta);
  const method = looksLikeRecoveryCode(input.code) ? "recovery_code" : "totp";

  const accepted = await db().$transaction(async (tx) => {
    if (method === "recovery_code") {
      if (!(await useRecoveryCode(tx, pending.agentId, input.code))) return false;
    } else {
      const agent = await tx.agent.findUniqueOrThrow({
        where: { id: pending.agentId },
        select: { totpSecretEnc: true, totpLastStep: true },
      });
      if (!agent.totpSecretEnc) return false;
      const step = await acceptedTotpStep(
        decrypt(agent.totpSecretEnc, ENC.agentTotpSecret),
        input.code,
        agent.totpLastStep,
      );
      if (step === null) return false;
      // Claim the step atomically: of two sign-ins racing with one code, only one gets it.
      const claimed = await tx.agent.updateMany({
        where: { id: pending.agentId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
        data: { totpLastStep: step },
      });
      if (claimed.count !== 1) return false;
    }
    await markSecondFactorGiven(tx, pending.sessionId);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: pending.agentId,
        action: "agent.second_factor_verified",
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { method },
      },
      tx,
    );
    return true;
  });

  if (!accepted) {
    await recordAuditEvent({
      actorType: "agent",
      actorId: pending.agentId,
      action: "agent.second_factor_failed",
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { method },
    });
    throw new AppError("unauthorized", WRONG_CODE, { fieldErrors: { code: ["That code is not right"] } });
  }
  await clearSecondFactorAttempts(pending.agentId);
}
