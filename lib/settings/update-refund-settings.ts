import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { z } from "zod";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import {
  REFUND_SETTINGS_KEY,
  readStoredRefundSettings,
  type TStoredRefundSettings,
} from "@/lib/settings/refund-settings";

/** What the settings form sends (strings from FormData). */
export const ZRefundSettingsForm = z
  .object({
    gateway: z.enum(["manual", "webhook"], { error: "Choose how refunds are paid back." }),
    webhookUrl: z
      .string()
      .trim()
      .max(500)
      .refine((v) => v === "" || /^https?:\/\/[^\s]+$/i.test(v), "Enter an http(s) address.")
      .default(""),
    webhookSecret: z
      .string()
      .max(200)
      .refine((v) => v === "" || v.length >= 16, "Use at least 16 characters.")
      .default(""),
    secondApprovalAbove: z
      .string()
      .trim()
      .regex(/^(\d{1,9}(\.\d{1,2})?)?$/, "Enter an amount like 100 or 99.50, or leave it empty.")
      .default(""),
  })
  .refine((v) => v.gateway !== "webhook" || v.webhookUrl !== "", {
    path: ["webhookUrl"],
    message: "The webhook gateway needs an address.",
  });
export type TRefundSettingsForm = z.input<typeof ZRefundSettingsForm>;

/**
 * Saves how refunds are paid back (admins only): the gateway, the webhook address and signing
 * secret (encrypted in the setting; an empty secret keeps the current one) and the amount above
 * which an approval needs a second admin (in major units, stored in minor units). Audited without
 * the secret or the address.
 */
export async function updateRefundSettings(input: {
  admin: TAgentSession;
  form: Record<string, unknown>;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<TStoredRefundSettings> {
  assertAdmin(input.admin);
  const parsed = ZRefundSettingsForm.safeParse(input.form);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error.issues),
    });
  }
  const form = parsed.data;
  return db().$transaction(async (tx) => {
    const before = await readStoredRefundSettings(tx);
    const webhookSecretEnc = form.webhookSecret
      ? encrypt(form.webhookSecret, ENC.refundWebhookSecret)
      : before.webhookSecretEnc;
    if (form.gateway === "webhook" && !webhookSecretEnc) {
      throw new AppError("invalid_input", "Please correct the highlighted fields.", {
        fieldErrors: { webhookSecret: ["The webhook gateway needs a signing secret."] },
      });
    }
    const next: TStoredRefundSettings = {
      gateway: form.gateway,
      ...(form.webhookUrl ? { webhookUrl: form.webhookUrl } : {}),
      ...(webhookSecretEnc ? { webhookSecretEnc } : {}),
      ...(form.secondApprovalAbove
        ? { secondApprovalAboveMinor: Math.round(Number(form.secondApprovalAbove) * 100) }
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
        actorId: input.admin.agentId,
        action: "settings.refunds_updated",
        targetType: "setting",
        targetId: REFUND_SETTINGS_KEY,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: {
          gateway: next.gateway,
          webhookUrlChanged: (before.webhookUrl ?? "") !== (next.webhookUrl ?? ""),
          secretChanged: form.webhookSecret !== "",
          secondApprovalAboveMinor: next.secondApprovalAboveMinor ?? null,
        },
      },
      tx,
    );
    return next;
  });
}
