import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TRefundSettingsInput } from "@/lib/settings/schemas";
import {
  REFUND_SETTINGS_KEY,
  readStoredRefundSettings,
  type TStoredRefundSettings,
} from "@/lib/settings/refund-settings";

/**
 * `updateRefundSettings(actor, input, meta)`: saves how refunds are paid back (admins only): the
 * gateway, the webhook address and signing secret (encrypted in the setting; an empty secret keeps
 * the current one) and the amount above which an approval needs a second admin (in major units,
 * stored in minor units). Audited without the secret or the address.
 */
export async function updateRefundSettings(
  actor: TAgentSession,
  input: TRefundSettingsInput,
  meta: TRequestMeta,
): Promise<TStoredRefundSettings> {
  assertAdmin(actor);
  return db().$transaction(async (tx) => {
    const before = await readStoredRefundSettings(tx);
    const webhookSecretEnc = input.webhookSecret
      ? encrypt(input.webhookSecret, ENC.refundWebhookSecret)
      : before.webhookSecretEnc;
    // Depends on what is stored (an empty field keeps the secret), so the schema cannot decide it.
    if (input.gateway === "webhook" && !webhookSecretEnc) {
      throw new AppError("invalid_input", "Please correct the highlighted fields.", {
        fieldErrors: { webhookSecret: ["The webhook gateway needs a signing secret."] },
      });
    }
    const next: TStoredRefundSettings = {
      gateway: input.gateway,
      ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}),
      ...(webhookSecretEnc ? { webhookSecretEnc } : {}),
      ...(input.secondApprovalAbove
        ? { secondApprovalAboveMinor: Math.round(Number(input.secondApprovalAbove) * 100) }
        : {}),
    };
    await tx.setting.upsert({
      where: { key: REFUND_SETTINGS_KEY },
      create: { key: REFUND_SETTINGS_KEY, value: next },
      update: { value: next },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: actor.agentId,
        action: "settings.refunds_updated",
        targetType: "setting",
        targetId: REFUND_SETTINGS_KEY,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: {
          gateway: next.gateway,
          webhookUrlChanged: (before.webhookUrl ?? "") !== (next.webhookUrl ?? ""),
          secretChanged: input.webhookSecret !== "",
          secondApprovalAboveMinor: next.secondApprovalAboveMinor ?? null,
        },
      },
      tx,
    );
    return next;
  });
}
