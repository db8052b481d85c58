import type { Metadata } from "next";
import { requirePendingAgent } from "@/lib/auth/guards";
import { getSecondFactorPage } from "@/lib/auth/get-second-factor-page";
import { Card } from "@/app/_components/card";
import { Logo } from "@/app/_components/logo";
import { SubmitButton } from "@/app/_components/submit-button";
import { TotpEnrolmentForm } from "@/app/agent/_components/totp-enrolment-form";
import { VerifyForm } from "./_components/verify-form";
import { PasskeySignButton } from "@/app/agent/_components/passkey-sign-button";
import { cancelAction, continueAction, enrolAction, passkeyOptionsAction, verifyPasskeyAction } from "./actions";

export const metadata: Metadata = { title: "Two-step sign-in", robots: { index: false, follow: false } };

// Only an agent whose password was accepted gets here; the console stays closed until this step is done.
export default async function SecondFactorPage() {
  const pending = await requirePendingAgent();
  const view = await getSecondFactorPage(pending);
  const proceed = (
    <form action={continueAction}>
      <SubmitButton pendingLabel="Opening…">Continue to the console</SubmitButton>
    </form>
  );
  return (
    <main id="main" className="auth-page">
      <div className="stack auth-stack">
        <Logo suffix="Console" />
        <Card className="auth-card">
          <h1>{view.mode === "enrol" ? "Set up two-step sign-in" : "Two-step sign-in"}</h1>
          {view.mode === "enrol" ? (
            <>
              <p className="muted">
                {view.name}, your account needs a second step: a code from an authenticator app, at every sign-in.
              </p>
              <TotpEnrolmentForm action={enrolAction} enrolment={view.enrolment} after={proceed} />
            </>
          ) : view.mode === "verify" ? (
            <>
              <p className="muted">
                {view.totp && view.passkey
                  ? "Use one of your passkeys, or enter the code from your authenticator app, to finish signing in."
                  : view.passkey
                    ? "Use one of your passkeys to finish signing in."
                    : "Enter the code from your authenticator app to finish signing in."}
              </p>
              {view.passkey ? (
                <PasskeySignButton
                  label="Use a passkey"
                  getOptions={passkeyOptionsAction}
                  submit={verifyPasskeyAction}
                />
              ) : null}
              {view.totp ? <VerifyForm /> : null}
            </>
          ) : (
            proceed
          )}
          <form action={cancelAction}>
            <SubmitButton variant="ghost" size="sm">
              Cancel and sign out
            </SubmitButton>
          </form>
        </Card>
      </div>
    </main>
  );
}
