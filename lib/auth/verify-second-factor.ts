import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { acceptedTotpStep } from "@/lib/auth/totp";
import { looksLikeRecoveryCode, useRecoveryCode } from "@/lib/auth/recovery-codes";
import { countSecondFactorAttempt } from "@/lib/auth/second-factor-attempts";
import { finishSecondFactor } from "@/lib/auth/finish-second-factor";
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

  const accept = async (tx: TTx): Promise<boolean> => {
    if (method === "recovery_code") return await useRecoveryCode(tx, pending.agentId, input.code);
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
    return claimed.count === 1;
  };
  await finishSecondFactor(
    pending,
    method,
    meta,
    accept,
    () => new AppError("unauthorized", WRONG_CODE, { fieldErrors: { code: ["That code is not right"] } }),
  );
}
