import type { Metadata } from "next";
import Link from "next/link";
import { describeEmailChangeLink } from "@/lib/accounts/describe-email-change-link";
import { LINK_PROBLEMS } from "@/lib/accounts/email-change-links";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { confirmChange } from "../actions";
import { LinkConfirmForm } from "../_components/link-confirm-form";

export const metadata: Metadata = { title: "Confirm your new e-mail address", referrer: "no-referrer" };

// Opening the link only shows this page; the button's POST uses it (mail scanners only GET).
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const link = await describeEmailChangeLink({ token });
  return (
    <div className="container--narrow stack stack--lg">
      <Card>
        <div className="stack">
          <h1>Confirm your new e-mail address</h1>
          {link.state === "valid" ? (
            <>
              <p>
                Your orders, licence keys and support tickets will belong to <strong>{link.maskedEmail}</strong>, and
                every other browser signed in to your account will be signed out. Your old address gets a notice with a
                link to undo the change.
              </p>
              <LinkConfirmForm action={confirmChange} token={token} label="Use this address" pendingLabel="Changing…" />
            </>
          ) : (
            <>
              <Alert tone="warning">{LINK_PROBLEMS[link.state]}</Alert>
              <p>
                Nothing was changed. Start again from{" "}
                <Link className="link" href="/account">
                  your account
                </Link>
                .
              </p>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
