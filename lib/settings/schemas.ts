import "server-only";
import { z } from "zod";
import { webhookUrlProblem } from "@/lib/settings/webhook-url-policy";

/** A refund webhook address: an absolute http(s) URL (the stored setting is read back with it too). */
export const ZWebhookUrl = z
  .string()
  .url()
  .regex(/^https?:\/\/[^\s]+$/i);

/** What an admin sends to change how refunds are paid back (strings, as the settings form posts them). */
export const ZRefundSettingsInput = z
  .object({
    gateway: z.enum(["manual", "webhook"], { error: "Choose how refunds are paid back." }),
    webhookUrl: z
      .string()
      .trim()
      .max(500)
      .superRefine((v, ctx) => {
        if (v === "") return;
        const problem = ZWebhookUrl.safeParse(v).success ? webhookUrlProblem(v) : "Enter an https address.";
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(""),
    /** Write-only: empty keeps the stored secret. */
    webhookSecret: z
      .string()
      .max(200)
      .refine((v) => v === "" || v.length >= 16, "Use at least 16 characters.")
      .default(""),
    /** In major units ("99.50"); empty: no second approval. */
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
export type TRefundSettingsInput = z.infer<typeof ZRefundSettingsInput>;
