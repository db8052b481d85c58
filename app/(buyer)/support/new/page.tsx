import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { currentBuyer } from "@/lib/auth/guards";
import { getNewTicketPage } from "@/lib/tickets/get-new-ticket-page";
import { TICKET_CATEGORIES } from "@/lib/tickets/schemas";
import { Card } from "@/app/_components/card";
import { formatDate } from "@/app/_components/format";
import { NewTicketForm } from "./_components/new-ticket-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("support.new");
  return pageMetadata(t("title"));
}

export default async function NewTicketPage() {
  const buyer = await currentBuyer();
  const [page, t, categoryLabel, locale] = await Promise.all([
    getNewTicketPage(buyer),
    getTranslations("support.new"),
    getTranslations("support.categories"),
    getLocale(),
  ]);
  const orders =
    page.orders?.map((o) => ({
      value: o.id,
      label: t("orderOption", {
        number: o.number,
        date: formatDate(o.placedAt, "UTC", locale),
        items: o.itemNames.join(", "),
      }),
    })) ?? null;
  const categories = TICKET_CATEGORIES.map((value) => ({ value, label: categoryLabel(value) }));
  return (
    <div className="container--narrow stack stack--lg">
      <div className="stack stack--sm">
        <h1>{t("title")}</h1>
        <p className="lead">{t("lead")}</p>
        {buyer ? (
          <p className="small muted">
            {t.rich("signedInAs", {
              email: buyer.email,
              strong: (chunks) => <strong>{chunks}</strong>,
              tickets: (chunks) => (
                <Link className="link" href="/support">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        ) : (
          <p className="small muted">
            {t.rich("guestHint", {
              signIn: (chunks) => (
                <Link className="link" href="/lookup">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
      </div>
      <Card>
        <NewTicketForm categories={categories} orders={orders} />
      </Card>
      <p className="small muted">{t("privacy")}</p>
    </div>
  );
}
