import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import { describeSignInLink } from "@/lib/buyers/redeem-sign-in-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { LookupForm } from "../_components/lookup-form";
import { ConfirmForm } from "./_components/confirm-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return pageMetadata(t("metaTitle"), { referrer: "no-referrer" });
}

// Opening the link only shows this page; the link is used by the button's POST, so mail
// scanners that pre-open links cannot burn it.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const [link, t] = await Promise.all([describeSignInLink({ token }), getTranslations("signIn")]);
  return (
    <div className="container--narrow stack stack--lg">
      {link.state === "valid" ? (
        <Card>
          <div className="stack">
            <h1>{t("title")}</h1>
            <p>
              {t.rich("signingInAs", {
                email: link.maskedEmail ?? "",
                strong: (chunks) => <strong>{chunks}</strong>,
              })}
            </p>
            <ConfirmForm token={token} />
          </div>
        </Card>
      ) : (
        <Card>
          <div className="stack">
            <h1>{t("unusableTitle")}</h1>
            <Alert tone="warning">{t(`link.${link.state}`)}</Alert>
            <LookupForm />
          </div>
        </Card>
      )}
    </div>
  );
}
