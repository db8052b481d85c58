import type { Metadata } from "next";
import { requireAgent } from "@/lib/auth/guards";
import { getSecurityPage } from "@/lib/auth/get-security-page";
import { Button } from "@/app/_components/button";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { SubmitButton } from "@/app/_components/submit-button";
import { formatDateTime } from "@/app/_components/format";
import { TotpEnrolmentForm } from "@/app/agent/_components/totp-enrolment-form";
import { enrolSecondFactorAction, signOutEverywhereAction } from "./actions";
import { AddPasskeyForm } from "./_components/add-passkey-form";
import { RemovePasskeyForm } from "./_components/remove-passkey-form";

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
      <Card title="Passkeys">
        <div className="stack">
          <p>
            A passkey signs you in without a password (your device asks for its PIN, fingerprint or face), and can stand
            in for the code from your app after the password.
          </p>
          {view.passkeys.length > 0 ? (
            <DataTable
              caption="Your passkeys"
              captionHidden
              columns={[
                { label: "Name" },
                { label: "Added" },
                { label: "Last used" },
                { label: "Actions", srOnly: true },
              ]}
            >
              {view.passkeys.map((passkey) => (
                <tr key={passkey.id}>
                  <th scope="row">
                    {passkey.name}
                    {passkey.synced ? <span className="muted"> (synced)</span> : null}
                  </th>
                  <td>{formatDateTime(passkey.createdAt)}</td>
                  <td>{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : "Never"}</td>
                  <td>
                    <RemovePasskeyForm passkeyId={passkey.id} name={passkey.name} />
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <p className="muted">You have no passkeys yet.</p>
          )}
          <AddPasskeyForm />
        </div>
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
