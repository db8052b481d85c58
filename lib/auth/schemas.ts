import { z } from "zod";

/** A code at sign-in: 6 digits from the authenticator app, or one of the recovery codes. */
export const ZSecondFactorCode = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the code from your authenticator app or a recovery code")
    .max(40, "That is not a code from your app or a recovery code"),
});
export type TSecondFactorCodeInput = z.infer<typeof ZSecondFactorCode>;

/** Confirming an authenticator app: the sealed enrolment the page handed out, and a code it shows. */
export const ZTotpEnrolment = z.object({
  enrolment: z.string().min(1).max(2000),
  // Apps show the code as "123 456"; spaces are not part of it.
  code: z
    .string()
    .max(20)
    .transform((value) => value.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code your app shows")),
});
export type TTotpEnrolmentInput = z.infer<typeof ZTotpEnrolment>;

/** An admin resets another agent's second factor. */
export const ZResetSecondFactor = z.object({ agentId: z.string().min(1).max(64) });
export type TResetSecondFactorInput = z.infer<typeof ZResetSecondFactor>;

/** The sign-in rules admins choose (a checkbox: present means on). */
export const ZSecuritySettingsInput = z.object({
  requireSecondFactor: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});
export type TSecuritySettingsInput = z.infer<typeof ZSecuritySettingsInput>;
