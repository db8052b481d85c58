import type { Metadata } from "next";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { isValidUnsubscribeToken } from "@/lib/newsletter/is-valid-unsubscribe-token";
import { PublicShell } from "@/app/_components/public-shell";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { UnsubscribeForm } from "./unsubscribe-form";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer" };

// Opened from a newsletter's unsubscribe link. The GET changes nothing (mail scanners open links);
// the button does it, without signing in.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const buyer = await currentBuyer();
  const valid = isValidUnsubscribeToken({ token });
  return (
    <PublicShell buyer={buyer ? { email: buyer.email } : null} width="narrow">
      <Card>
        <div className="stack">
          <h1>Unsubscribe from the newsletter</h1>
          {valid ? (
            <>
              <p>One click and you get no more newsletters. Order and support e-mails still reach you.</p>
              <UnsubscribeForm token={token} />
            </>
          ) : (
            <Alert tone="warning">
              This unsubscribe link is not valid. It may have been copied incompletely. You can also change the
              newsletter setting on{" "}
              <Link className="link" href="/account">
                your account page
              </Link>
              .
            </Alert>
          )}
        </div>
      </Card>
    </PublicShell>
  );
}
