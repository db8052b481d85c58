import type { Metadata } from "next";
import Link from "next/link";
import { describeUndoLink } from "@/lib/accounts/describe-undo-link";
import { LINK_PROBLEMS } from "@/lib/accounts/email-change-links";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { undoChange } from "../actions";
import { LinkConfirmForm } from "../_components/link-confirm-form";

export const metadata: Metadata = { title: "Undo the e-mail change", referrer: "no-referrer" };

// Opening the link only shows this page; the button's POST uses it (mail scanners only GET).
export default async function UndoEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const link = await describeUndoLink({ token });
  return (
    <div className="container--narrow stack stack--lg">
      <Card>
        <div className="stack">
          <h1>Undo the e-mail change</h1>
          {link.state === "valid" ? (
            <>
              <p>
                Your account was moved from <strong>{link.maskedOld}</strong> to <strong>{link.maskedNew}</strong>. Undo
                it to move your orders, licence keys and tickets back to <strong>{link.maskedOld}</strong>. Everyone
                signed in — including whoever made the change — will be signed out.
              </p>
              <LinkConfirmForm
                action={undoChange}
                token={token}
                label="Undo the change"
                pendingLabel="Undoing…"
                variant="danger"
              />
            </>
          ) : (
            <>
              <Alert tone="warning">{LINK_PROBLEMS[link.state]}</Alert>
              <p>
                If someone else changed your address, please{" "}
                <Link className="link" href="/support/new">
                  contact support
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
