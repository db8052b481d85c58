import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAgent } from "@/lib/auth/guards";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { Logo } from "@/app/_components/logo";
import { LoginForm } from "@/app/agent/login/_components/login-form";
import { PasskeySignButton } from "@/app/agent/_components/passkey-sign-button";
import { passkeySignInAction, passkeySignInOptionsAction } from "@/app/agent/login/passkey-actions";

export const metadata: Metadata = { title: "Staff sign-in" };

export default async function AgentLoginPage({ searchParams }: { searchParams: Promise<{ setup?: string }> }) {
  if (await currentAgent()) redirect("/agent");
  const { setup } = await searchParams;
  return (
    <main id="main" className="auth-page">
      <div className="stack auth-stack">
        <Logo suffix="Console" />
        <Card className="auth-card">
          <h1>Staff sign-in</h1>
          <p className="muted">For support agents and admins of this Keydesk.</p>
          {setup === "done" ? <Alert tone="success">Your admin account is ready. Sign in with it now.</Alert> : null}
          <LoginForm />
          <p className="muted">Or, with a passkey on this device or your phone (no password needed):</p>
          <PasskeySignButton
            label="Sign in with a passkey"
            getOptions={passkeySignInOptionsAction}
            submit={passkeySignInAction}
            autofill
          />
        </Card>
      </div>
    </main>
  );
}
