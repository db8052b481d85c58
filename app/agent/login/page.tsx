import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentAgent } from "@/lib/auth/guards";
import { Card } from "@/app/_components/card";
import { LoginForm } from "@/app/agent/login/_components/login-form";

export const metadata: Metadata = { title: "Staff sign-in" };

export default async function AgentLoginPage() {
  if (await currentAgent()) redirect("/agent");
  return (
    <main id="main" className="auth-page">
      <Card className="auth-card">
        <h1>Staff sign-in</h1>
        <p className="muted">For support agents and admins of this Keydesk.</p>
        <LoginForm />
      </Card>
    </main>
  );
}
