import type { Metadata } from "next";
import { isSetupTokenUsable } from "@/lib/agents/first-run-setup";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { Logo } from "@/app/_components/logo";
import { SetupForm } from "@/app/agent/setup/_components/setup-form";

export const metadata: Metadata = { title: "Set up Keydesk" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const usable = token !== "" && (await isSetupTokenUsable(token));
  return (
    <main id="main" className="auth-page">
      <div className="stack auth-stack">
        <Logo suffix="Console" />
        <Card className="auth-card">
          <h1>Create the first admin</h1>
          {usable ? (
            <>
              <p className="muted">
                This one-time link was printed by <code>npm start</code>. The account you create here can add other
                agents.
              </p>
              <SetupForm token={token} />
            </>
          ) : (
            <Alert tone="warning">
              This setup link has expired or was already used. Restart Keydesk to print a new one, or create an admin
              with <code>npm run keydesk -- agent:create --role admin</code>.
            </Alert>
          )}
        </Card>
      </div>
    </main>
  );
}
