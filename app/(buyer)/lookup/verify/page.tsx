import type { Metadata } from "next";
import { describeSignInLink, LINK_MESSAGES } from "@/lib/buyers/redeem-sign-in-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { LookupForm } from "../_components/lookup-form";
import { ConfirmForm } from "./_components/confirm-form";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

// Opening the link only shows this page; the link is used by the button's POST, so mail
// scanners that pre-open links cannot burn it.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const link = await describeSignInLink({ token });
  return (
    <div className="container--narrow stack stack--lg">
      {link.state === "valid" ? (
        <Card>
          <div className="stack">
            <h1>Sign in to see your orders</h1>
            <p>
              You are signing in as <strong>{link.maskedEmail}</strong>. This link works once.
            </p>
            <ConfirmForm token={token} />
          </div>
        </Card>
      ) : (
        <Card>
          <div className="stack">
            <h1>This link cannot be used</h1>
            <Alert tone="warning">{LINK_MESSAGES[link.state]}</Alert>
            <LookupForm />
          </div>
        </Card>
      )}
    </div>
  );
}
