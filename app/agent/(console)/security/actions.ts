"use server";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { agentAction } from "@/lib/http/actions";
import { ZTotpEnrolment } from "@/lib/auth/schemas";
import { enrolSecondFactor } from "@/lib/auth/enrol-second-factor";
import { signOutAgentEverywhere } from "@/lib/auth/sign-out-everywhere";
import { revalidatePath } from "next/cache";
import { ZPasskeyRegistration, ZRemovePasskey } from "@/lib/auth/passkeys/schemas";
import { startPasskeyRegistration } from "@/lib/auth/passkeys/start-passkey-registration";
import { addPasskey } from "@/lib/auth/passkeys/add-passkey";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";

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

/** The options for adding a passkey (the challenge is bound to this session). */
export const passkeyRegistrationOptionsAction = agentAction.call(z.object({}), ({ actor, meta }) =>
  startPasskeyRegistration(actor, meta),
);

/** Stores the passkey the browser just created, under the name the agent gave it. */
export const addPasskeyAction = agentAction.call(ZPasskeyRegistration, async ({ actor, input, meta }) => {
  const added = await addPasskey(actor, input, meta);
  revalidatePath("/agent/security");
  return added;
});

/** Removes one of the agent's passkeys (refused for the last second factor of an account that needs one). */
export const removePasskeyAction = agentAction(ZRemovePasskey, async ({ actor, input, meta }) => {
  await removePasskey(actor, input, meta);
  revalidatePath("/agent/security");
  return { status: "success", message: "The passkey was removed." };
});
