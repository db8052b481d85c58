import type { Metadata } from "next";
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
import { formatDate, formatDateTime, formatMoney } from "@/app/_components/format";
import { OrderStatus } from "../_components/order-status";
import { ResendKeysForm } from "../_components/resend-keys-form";
import { ItemDownloads } from "./_components/item-downloads";
import { LicenseKeyList } from "./_components/license-key-list";
import { RefundPanel } from "./_components/refund-panel";

export const metadata: Metadata = { title: "Order" };

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
  const sameSourceTwice = (s: string) =>
    order.sameNumber.filter((o) => o.source === s).length > 1 || s === order.source;
  return (
    <div className="stack stack--lg">
      <PageHeader
        eyebrow={
          <Link className="link" href="/orders">
            ← Your orders
          </Link>
        }
        title={`Order ${order.number}`}
        titleAddon={<OrderStatus status={order.status} refundRequested={order.refundRequested} />}
        description={`Placed ${formatDate(order.placedAt)} · via ${order.source}`}
      />
      {order.sameNumber.length > 0 ? (
        <Alert
          tone="info"
          title={`You have ${order.sameNumber.length === 1 ? "another order" : "other orders"} numbered ${order.number}`}
        >
          <ul className="plain-list">
            {order.sameNumber.map((other) => {
              const query = sameSourceTwice(other.source)
                ? `id=${encodeURIComponent(other.id)}`
                : `source=${encodeURIComponent(other.source)}`;
              return (
                <li key={other.id}>
                  <Link className="link" href={`/orders/${encodeURIComponent(order.number)}?${query}`}>
                    Order {order.number} via {other.source}, placed {formatDate(other.placedAt)}
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
              description={`${item.quantity} × ${formatMoney(item.unitAmount, order.currency)}`}
              actions={item.status !== "paid" ? <StatusBadge value={item.status} /> : undefined}
            >
              <div className="stack">
                <section className="stack stack--sm" aria-label={`Licence keys for ${item.name}`}>
                  <h3 className="small muted">Licence {item.keys.length === 1 ? "key" : "keys"}</h3>
                  <LicenseKeyList keys={item.keys} productName={item.name} />
                </section>
                <section className="stack stack--sm" aria-label={`Downloads for ${item.name}`}>
                  <h3 className="small muted">Downloads</h3>
                  <ItemDownloads downloads={downloads.find((d) => d.orderItemId === item.id)} orderItemId={item.id} />
                </section>
              </div>
            </Card>
          ))}
        </div>
        <div className="stack">
          <Card title="Summary">
            <DetailList
              items={[
                { term: "Order number", detail: order.number },
                { term: "Placed", detail: formatDateTime(order.placedAt) },
                { term: "Bought via", detail: order.source },
                { term: "Total", detail: formatMoney(order.totalAmount, order.currency) },
              ]}
            />
          </Card>
          <Card
            title="Lost your keys?"
            description="We e-mail every active key of this order to the address you bought with."
          >
            <ResendKeysForm idempotencyKey={newIdempotencyKey()} orderId={order.id} label="E-mail me my keys" />
          </Card>
          <RefundPanel panel={refunds} idempotencyKey={newIdempotencyKey()} />
        </div>
      </div>
    </div>
  );
}
