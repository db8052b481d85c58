import type { Metadata } from "next";
import { requireAgent } from "@/lib/auth/guards";
import { getSecurityPage } from "@/lib/auth/get-security-page";
import { Button } from "@/app/_components/button";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { SubmitButton } from "@/app/_components/submit-button";
import { formatDateTime } from "@/app/_components/format";
import { TotpEnrolmentForm } from "@/app/agent/_components/totp-enrolment-form";
import { enrolSecondFactorAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const agent = await requireAgent();
  const view = await getSecurityPage(agent);
  return (
    <div className="stack stack--lg">
      <PageHeader title="Security" description="How you sign in, and where you are signed in." />
      <Card title="Two-step sign-in">
        {view.enrolledAt ? (
          <p>
            On since {formatDateTime(view.enrolledAt)}: every sign-in asks for a code from your authenticator app.{" "}
            {view.recoveryCodesLeft} of 10 recovery codes left. Lost your phone? Another admin can reset it.
          </p>
        ) : view.enrolment ? (
          <TotpEnrolmentForm
            action={enrolSecondFactorAction}
            enrolment={view.enrolment}
            after={
              <Button href="/agent/security" variant="secondary">
                Done
              </Button>
            }
          />
        ) : null}
      </Card>
      <Card title="Sessions">
        <div className="stack">
          <p>
            You are signed in {view.activeSessions === 1 ? "in one place" : `in ${view.activeSessions} places`}. Signing
            out everywhere ends all of them, this one too.
          </p>
          <form action={signOutEverywhereAction}>
            <SubmitButton variant="danger" pendingLabel="Signing out…">
              Sign out everywhere
            </SubmitButton>
          </form>
        </div>
      </Card>
    </div>
  );
}
