import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { requireBuyer } from "@/lib/auth/guards";
import { getBuyerOrderPage } from "@/lib/orders/get-buyer-order-page";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { orNotFound } from "@/lib/http/or-not-found";
import { Alert } from "@/app/_components/alert";
import { StatusBadge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DetailList } from "@/app/_components/detail-list";
import { PageHeader } from "@/app/_components/page-header";
import { formatterFor } from "@/app/_components/format";
import { OrderStatus } from "../_components/order-status";
import { ResendKeysForm } from "../_components/resend-keys-form";
import { ItemDownloads } from "./_components/item-downloads";
import { LicenseKeyList } from "./_components/license-key-list";
import { RefundPanel } from "./_components/refund-panel";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("order");
  return pageMetadata(t("metaTitle"));
}

type TProps = {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ source?: string | string[]; id?: string | string[] }>;
};

export default async function OrderPage({ params, searchParams }: TProps) {
  const buyer = await requireBuyer();
  const { number } = await params;
  const query = await searchParams;
  const source = [query.source].flat()[0];
  const orderId = [query.id].flat()[0];
  const { order, downloads, refunds } = await orNotFound(getBuyerOrderPage(buyer, { number, source, orderId }));
  const [t, format] = await Promise.all([getTranslations("order"), getLocale().then(formatterFor)]);
  const sameSourceTwice = (s: string) =>
    order.sameNumber.filter((o) => o.source === s).length > 1 || s === order.source;
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/orders">
            {t("back")}
          </Link>
        }
        title={t("title", { number: order.number })}
        titleAddon={<OrderStatus status={order.status} refundRequested={order.refundRequested} />}
        description={t("placedVia", { date: format.date(order.placedAt), source: order.source })}
      />
      {order.sameNumber.length > 0 ? (
        <Alert tone="info" title={t("sameNumber.title", { count: order.sameNumber.length, number: order.number })}>
          <ul className="plain-list">
            {order.sameNumber.map((other) => {
              const query = sameSourceTwice(other.source)
                ? `id=${encodeURIComponent(other.id)}`
                : `source=${encodeURIComponent(other.source)}`;
              return (
                <li key={other.id}>
                  <Link className="link" href={`/orders/${encodeURIComponent(order.number)}?${query}`}>
                    {t("sameNumber.link", {
                      number: order.number,
                      source: other.source,
                      date: format.date(other.placedAt),
                    })}
                  </Link>
                </li>
              );
            })}
          </ul>
        </Alert>
      ) : null}
      <div className="split">
        <div className="stack">
          {order.items.map((item) => (
            <Card
              key={item.id}
              title={item.name}
              description={t("quantityPrice", {
                quantity: item.quantity,
                price: format.money(item.unitAmount, order.currency),
              })}
              actions={item.status !== "paid" ? <StatusBadge value={item.status} /> : undefined}
            >
              <div className="stack">
                <section className="stack stack--sm" aria-label={t("keysFor", { product: item.name })}>
                  <h3 className="small muted">{t("keysHeading", { count: item.keys.length })}</h3>
                  <LicenseKeyList keys={item.keys} productName={item.name} />
                </section>
                <section className="stack stack--sm" aria-label={t("downloadsFor", { product: item.name })}>
                  <h3 className="small muted">{t("downloadsHeading")}</h3>
                  <ItemDownloads downloads={downloads.find((d) => d.orderItemId === item.id)} orderItemId={item.id} />
                </section>
              </div>
            </Card>
          ))}
        </div>
        <div className="stack">
          <Card title={t("summary.title")}>
            <DetailList
              items={[
                { term: t("summary.number"), detail: order.number },
                { term: t("summary.placed"), detail: format.dateTime(order.placedAt) },
                { term: t("summary.via"), detail: order.source },
                { term: t("summary.total"), detail: format.money(order.totalAmount, order.currency) },
              ]}
            />
          </Card>
          <Card title={t("lost.title")} description={t("lost.text")}>
            <ResendKeysForm idempotencyKey={newIdempotencyKey()} orderId={order.id} label={t("lost.button")} />
          </Card>
          <RefundPanel panel={refunds} idempotencyKey={newIdempotencyKey()} />
        </div>
      </div>
    </div>
  );
}
