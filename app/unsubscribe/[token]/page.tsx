import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { isValidUnsubscribeToken } from "@/lib/newsletter/is-valid-unsubscribe-token";
import { PublicShell } from "@/app/_components/public-shell";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { UnsubscribeForm } from "./unsubscribe-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("unsubscribe");
  return pageMetadata(t("metaTitle"), { referrer: "no-referrer" });
}

// Opened from a newsletter's unsubscribe link. The GET changes nothing (mail scanners open links);
// the button does it, without signing in.
export default async function UnsubscribePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const buyer = await currentBuyer();
  const valid = isValidUnsubscribeToken({ token });
  const t = await getTranslations("unsubscribe");
  return (
    <PublicShell buyer={buyer ? { email: buyer.email } : null} width="narrow">
      <Card>
        <div className="stack">
          <h1>{t("title")}</h1>
          {valid ? (
            <>
              <p>{t("text")}</p>
              <UnsubscribeForm token={token} />
            </>
          ) : (
            <Alert tone="warning">
              {t.rich("invalid", {
                account: (chunks) => (
                  <Link className="link" href="/account">
                    {chunks}
                  </Link>
                ),
              })}
            </Alert>
          )}
        </div>
      </Card>
    </PublicShell>
  );
}
