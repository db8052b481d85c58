"use server";
import { z } from "zod";
import { redirect } from "next/navigation";
import { completeFirstRunSetup } from "@/lib/agents/complete-first-run-setup";
import { formAction } from "@/lib/http/form-action";

const ZForm = z.object({ token: z.string().min(1), email: z.string(), name: z.string(), password: z.string() });

/** Creates the first admin from the one-time setup link, then sends them to sign in. */
export const createFirstAdmin = formAction(ZForm, async (input) => {
  await completeFirstRunSetup(input);
  redirect("/agent/login?setup=done");
});
