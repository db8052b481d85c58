import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { describeUndoLink } from "@/lib/accounts/describe-undo-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { undoChange } from "../actions";
import { LinkConfirmForm } from "../_components/link-confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("emailChange.undo");
  return pageMetadata(t("title"), { referrer: "no-referrer" });
}

// Opening the link only shows this page; the button's POST uses it (mail scanners only GET).
export default async function UndoEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const [link, t, problems] = await Promise.all([
    describeUndoLink({ token }),
    getTranslations("emailChange.undo"),
    getTranslations("emailChange.problems"),
  ]);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="container--narrow stack stack--lg">
      <Card>
        <div className="stack">
          <h1>{t("title")}</h1>
          {link.state === "valid" ? (
            <>
              <p>{t.rich("text", { old: link.maskedOld ?? "", new: link.maskedNew ?? "", strong })}</p>
              <LinkConfirmForm
                action={undoChange}
                token={token}
                label={t("button")}
                pendingLabel={t("pending")}
                variant="danger"
              />
            </>
          ) : (
            <>
              <Alert tone="warning">{problems(link.state)}</Alert>
              <p>
                {t.rich("someoneElse", {
                  support: (chunks) => (
                    <Link className="link" href="/support/new">
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            </>
          )}
        </div>
      </Card>
    </div>
  );
}
