"use server";
import { redirect } from "next/navigation";
import { publicAction } from "@/lib/http/actions";
import { ZFirstRunSetup } from "@/lib/agents/schemas";
import { completeFirstRunSetup } from "@/lib/agents/complete-first-run-setup";

/** Creates the first admin from the one-time setup link, then sends them to sign in. */
export const createFirstAdmin = publicAction(ZFirstRunSetup, async ({ input, meta }) => {
  await completeFirstRunSetup(input, meta);
  redirect("/agent/login?setup=done");
});
