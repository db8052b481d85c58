import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { LookupForm } from "./_components/lookup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("lookup");
  return pageMetadata(t("title"));
}

const NOTICES = { required: "info", "signed-out": "info" } as const;

export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<{ signin?: string; email?: string }>;
}) {
  const { signin, email } = await searchParams;
  const t = await getTranslations("lookup");
  const notice = signin && signin in NOTICES ? (signin as keyof typeof NOTICES) : undefined;
  return (
    <div className="container--narrow stack stack--lg lookup">
      <div className="stack stack--sm">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
      </div>
      {notice ? <Alert tone={NOTICES[notice]}>{t(`notices.${notice}`)}</Alert> : null}
      <Card>
        <LookupForm defaultEmail={email ?? ""} />
      </Card>
      <p className="small muted">
        {t.rich("noMailbox", {
          support: (chunks) => (
            <Link className="link" href="/support/new">
              {chunks}
            </Link>
          ),
        })}
      </p>
    </div>
  );
}
