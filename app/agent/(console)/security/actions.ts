"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { agentAction } from "@/lib/http/actions";
import { ZTotpEnrolment } from "@/lib/auth/schemas";
import { enrolSecondFactor } from "@/lib/auth/enrol-second-factor";
import { signOutAgentEverywhere } from "@/lib/auth/sign-out-everywhere";

/** Sets up an authenticator app of the agent's own accord; the form then shows the recovery codes once. */
export const enrolSecondFactorAction = agentAction(ZTotpEnrolment, async ({ actor, input, meta }) => {
  const codes = await enrolSecondFactor(actor, input, meta);
  return { status: "success", data: { recoveryCodes: codes.join(" ") } };
});

/** Ends every session of the agent (this one too) and clears this browser's cookie. */
export const signOutEverywhereAction = agentAction.submit(z.object({}), async ({ actor, meta }) => {
  await signOutAgentEverywhere(actor, meta);
  await signOut({ redirectTo: "/agent/login" });
});
