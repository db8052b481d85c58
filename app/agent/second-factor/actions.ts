"use server";
import { z } from "zod";
import { CredentialsSignin } from "next-auth";
import { signIn, signOut } from "@/lib/auth/next-auth";
import { pendingAgentAction } from "@/lib/http/actions";
import { ZSecondFactorCode, ZTotpEnrolment } from "@/lib/auth/schemas";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { enrolPendingSecondFactor } from "@/lib/auth/enrol-pending-second-factor";
import { AppError } from "@/lib/errors";
import { ZPasskeyAssertion } from "@/lib/auth/passkeys/schemas";
import { startPasskeySecondFactor } from "@/lib/auth/passkeys/start-passkey-authentication";
import { verifyPasskeySecondFactor } from "@/lib/auth/passkeys/verify-passkey-second-factor";

/** Turns the verified pending session into a full one (Auth.js re-issues the cookie) and opens the console. */
async function finish() {
  await signIn("agent-second-factor", { redirectTo: "/agent" });
}

/** Checks the code from the app (or a recovery code), then signs the agent in. */
export const verifyCodeAction = pendingAgentAction(ZSecondFactorCode, async ({ actor, input, meta }) => {
  await verifySecondFactor(actor, input, meta);
  try {
    await finish();
  } catch (error) {
    if (error instanceof CredentialsSignin) return { status: "error", message: error.code || "Sign in again." };
    throw error;
  }
});

/** The options to sign with one of the agent's passkeys instead of a code. */
export const passkeyOptionsAction = pendingAgentAction.call(z.object({}), ({ actor, meta }) =>
  startPasskeySecondFactor(actor, meta),
);

/** Checks the passkey's signature, then signs the agent in (a redirect to the console). */
export const verifyPasskeyAction = pendingAgentAction.call(ZPasskeyAssertion, async ({ actor, input, meta }) => {
  await verifyPasskeySecondFactor(actor, input, meta);
  try {
    await finish();
  } catch (error) {
    if (error instanceof CredentialsSignin) throw new AppError("unauthorized", error.code || "Sign in again.");
    throw error;
  }
});

/** First sign-in: sets up the authenticator app; the page then shows the recovery codes once. */
export const enrolAction = pendingAgentAction(ZTotpEnrolment, async ({ actor, input, meta }) => {
  const codes = await enrolPendingSecondFactor(actor, input, meta);
  return { status: "success", data: { recoveryCodes: codes.join(" ") } };
});

/** After the recovery codes were shown: on to the console. */
export const continueAction = pendingAgentAction.submit(z.object({}), async () => {
  await finish();
});

/** Gives up this sign-in (the pending session ends with the cookie). */
export const cancelAction = pendingAgentAction.submit(z.object({}), async () => {
  await signOut({ redirectTo: "/agent/login" });
});
