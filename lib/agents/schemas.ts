import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

export const ZAgentEmail = z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid e-mail address"));

export const ZNewAgent = z.object({
  email: ZAgentEmail,
  name: z.string().trim().min(1, "Enter a name").max(120),
  role: z.enum(["admin", "agent"], { message: "Role must be admin or agent" }),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "Use at most 256 characters"),
});
export type TNewAgent = z.infer<typeof ZNewAgent>;

export const ZAgentSignIn = z.object({
  email: z.string().trim().max(254),
  password: z.string().min(1, "Enter your password").max(256),
});
export type TAgentSignIn = z.infer<typeof ZAgentSignIn>;
