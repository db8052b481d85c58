import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import { describeTicketLink } from "@/lib/tickets/redeem-ticket-link";
import { Alert } from "@/app/_components/alert";
import { Card } from "@/app/_components/card";
import { AskLinkForm } from "./_components/ask-link-form";
import { UseLinkForm } from "./_components/use-link-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.access");
  return pageMetadata(t("openTitle"), { referrer: "no-referrer" });
}

// Opening a mailed ticket link only shows this page; the button's POST uses the link, so mail
// scanners that pre-open links cannot burn it. Without a (valid) link: ask for a new one.
export default async function TicketAccessPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const token = [(await searchParams).token].flat()[0] ?? "";
  const link = token ? await describeTicketLink({ token }) : null;
  const confirming = link?.purpose === "ticket_confirm";
  const t = await getTranslations("support.access");
  return (
    <div className="container--narrow stack stack--lg">
      {link?.state === "valid" ? (
        <Card>
          <div className="stack">
            <h1>{confirming ? t("confirmTitle") : t("openTitle")}</h1>
            <p>
              {t.rich(confirming ? "confirmText" : "openText", {
                ref: link.ref ?? "",
                strong: (chunks) => <strong className="mono">{chunks}</strong>,
              })}
            </p>
            <UseLinkForm token={token} label={confirming ? t("confirmButton") : t("openButton")} />
          </div>
        </Card>
      ) : (
        <Card>
          <div className="stack">
            <h1>{link ? t("unusableTitle") : t("askTitle")}</h1>
            {link ? <Alert tone="warning">{t(`link.${link.state}`)}</Alert> : <p>{t("askText")}</p>}
            <AskLinkForm defaultRef={link?.ref ?? ""} />
          </div>
        </Card>
      )}
    </div>
  );
}
