import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const ZAgentEmail = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address"));

const ZNewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

/** A new agent or admin (the console's "Add an agent" form, and the CLI's agent:create). */
export const ZNewAgent = z.object({
  email: ZAgentEmail,
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(["admin", "agent"], { message: "Role must be admin or agent" }),
  password: ZNewPassword,
});
export type TNewAgentInput = z.infer<typeof ZNewAgent>;

/** The first admin, from the one-time setup link (the role is always admin). */
export const ZFirstRunSetup = ZNewAgent.omit({ role: true }).extend({ token: z.string().min(1).max(200) });
export type TFirstRunSetupInput = z.infer<typeof ZFirstRunSetup>;

/** Disable or re-enable an agent (the row button posts "true"/"false"). */
export const ZSetAgentDisabled = z.object({
  agentId: z.string().min(1).max(64),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});
export type TSetAgentDisabledInput = z.infer<typeof ZSetAgentDisabled>;

/** The credentials `authenticateAgent` checks (parsed where Auth.js hands them over). */
export const ZAgentSignIn = z.object({
  email: z.string().trim().max(254),
  password: z.string().min(1, "Enter your password").max(256),
});
export type TAgentSignInInput = z.infer<typeof ZAgentSignIn>;

/**
 * The sign-in form: bounds only. Every refusal, an empty field included, must come back as the one
 * generic message from `authenticateAgent`, so the form has no field errors of its own.
 */
export const ZAgentSignInForm = z.object({ email: z.string().max(254), password: z.string().max(256) });
