import "server-only";
import { z } from "zod";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { acceptedTotpStep, newTotpSecret, qrCodeSvg, totpUri } from "@/lib/auth/totp";
import { replaceRecoveryCodes } from "@/lib/auth/recovery-codes";
import { countSecondFactorAttempt, clearSecondFactorAttempts } from "@/lib/auth/second-factor-attempts";
import { markSecondFactorGiven } from "@/lib/auth/pending-sessions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TTotpEnrolmentInput } from "@/lib/auth/schemas";

// Enrolling an authenticator app without a write while the page renders: the page draws a fresh
// secret and hands it back sealed (encrypted and bound to the agent, valid for 15 minutes) in a
// hidden field; only a correct code from the app stores it.

const ENROLMENT_TTL_MS = 15 * 60_000;

const ZSealedEnrolment = z.object({ agentId: z.string(), secret: z.string().min(16), expiresAt: z.number() });

/** What an enrolment page shows: the QR code (SVG), the secret as text, the URI, and the sealed secret. */
export interface TTotpEnrolmentView {
  secret: string;
  uri: string;
  qrSvg: string;
  sealed: string;
}

/** A new secret for the agent, ready to show. */
export async function newTotpEnrolment(agent: { agentId: string; email: string }): Promise<TTotpEnrolmentView> {
  const secret = newTotpSecret();
  const uri = totpUri(secret, agent.email);
  const sealed = encrypt(
    JSON.stringify({ agentId: agent.agentId, secret, expiresAt: Date.now() + ENROLMENT_TTL_MS }),
    ENC.agentTotpEnrolment,
  );
  return { secret, uri, qrSvg: await qrCodeSvg(uri), sealed };
}

function openEnrolment(sealed: string, agentId: string): string {
  let parsed: z.infer<typeof ZSealedEnrolment> | null = null;
  try {
    parsed = ZSealedEnrolment.parse(JSON.parse(decrypt(sealed, ENC.agentTotpEnrolment)));
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.agentId !== agentId || parsed.expiresAt < Date.now()) {
    throw new AppError("conflict", "This set-up page has expired. Reload it and scan the new code.");
  }
  return parsed.secret;
}

/**
 * Stores the agent's authenticator app once `input.code` proves it works, issues ten recovery
 * codes (returned, the only time they exist in clear) and, for a pending sign-in, marks that
 * session's second factor as given. Throttled like every code; audited.
 */
export async function confirmTotpEnrolment(
  agentId: string,
  input: TTotpEnrolmentInput,
  meta: TRequestMeta,
  pendingSessionId?: string,
): Promise<string[]> {
  await countSecondFactorAttempt(agentId, meta);
  const secret = openEnrolment(input.enrolment, agentId);
  const step = await acceptedTotpStep(secret, input.code, null);
  if (step === null) {
    await recordAuditEvent({
      actorType: "agent",
      actorId: agentId,
      action: "agent.second_factor_failed",
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { method: "totp_enrolment" },
    });
    throw new AppError("invalid_input", "That code does not match. Check your app and try the current code.", {
      fieldErrors: { code: ["That code does not match"] },
    });
  }
  const codes = await db().$transaction(async (tx) => {
    // Only an agent without an app can enrol: a second tab cannot replace a working one.
    const stored = await tx.agent.updateMany({
      where: { id: agentId, totpEnabledAt: null, disabledAt: null },
      data: { totpSecretEnc: encrypt(secret, ENC.agentTotpSecret), totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (stored.count !== 1) throw new AppError("conflict", "An authenticator app is already set up for this account.");
    const recoveryCodes = await replaceRecoveryCodes(tx, agentId);
    if (pendingSessionId) await markSecondFactorGiven(tx, pendingSessionId);
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agentId,
        action: "agent.second_factor_enrolled",
        targetType: "agent",
        targetId: agentId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { method: "totp", duringSignIn: Boolean(pendingSessionId) },
      },
      tx,
    );
    return recoveryCodes;
  });
  await clearSecondFactorAttempts(agentId);
  return codes;
}
