import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { describeEmailChangeLink } from "@/lib/accounts/describe-email-change-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { confirmChange } from "../actions";
import { LinkConfirmForm } from "../_components/link-confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("emailChange.confirm");
  return pageMetadata(t("title"), { referrer: "no-referrer" });
}

// Opening the link only shows this page; the button's POST uses it (mail scanners only GET).
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const [link, t, problems] = await Promise.all([
    describeEmailChangeLink({ token }),
    getTranslations("emailChange.confirm"),
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
              <p>{t.rich("text", { email: link.maskedEmail ?? "", strong })}</p>
              <LinkConfirmForm action={confirmChange} token={token} label={t("button")} pendingLabel={t("pending")} />
            </>
          ) : (
            <>
              <Alert tone="warning">{problems(link.state)}</Alert>
              <p>
                {t.rich("startAgain", {
                  account: (chunks) => (
                    <Link className="link" href="/account">
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
