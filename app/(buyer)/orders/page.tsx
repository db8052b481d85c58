import type { Metadata } from "next";
import { pageMetadata } from "@/lib/branding/metadata";
import { getTranslations } from "next-intl/server";
import { requireBuyer } from "@/lib/auth/guards";
import { listBuyerOrders } from "@/lib/orders/list-buyer-orders";
import { buyerOrderPath } from "@/lib/orders/order-number";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { Button } from "@/app/_components/button";
import { Card } from "@/app/_components/card";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { IconReceipt, IconShield } from "@/app/_components/icons";
import { OrderCard } from "./_components/order-card";
import { ResendKeysForm } from "./_components/resend-keys-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("orders");
  return pageMetadata(t("title"));
}

export default async function OrdersPage() {
  const buyer = await requireBuyer();
  const [orders, t, nav] = await Promise.all([
    listBuyerOrders(buyer),
    getTranslations("orders"),
    getTranslations("common.nav"),
  ]);
  const strong = (chunks: React.ReactNode) => <strong>{chunks}</strong>;
  return (
    <div className="stack stack--lg">
      <PageHeader
        title={t("title")}
        description={t.rich("description", { email: buyer.email, strong })}
        actions={
          <Button href="/activity" variant="ghost" size="sm" icon={<IconShield />}>
            {t("accessHistory")}
          </Button>
        }
      />
      {orders.length === 0 ? (
        <EmptyState
          icon={<IconReceipt />}
          title={t("empty.title")}
          description={<p>{t.rich("empty.text", { email: buyer.email, strong })}</p>}
          actions={
            <>
              <Button href="/lookup" variant="primary" native>
                {t("empty.anotherAddress")}
              </Button>
              <Button href="/support/new">{nav("contactSupport")}</Button>
            </>
          }
        />
      ) : (
        <>
          <ul className="plain-list stack" aria-label={t("count", { count: orders.length })}>
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} href={buyerOrderPath(order, orders)} />
            ))}
          </ul>
          <Card title={t("lost.title")} description={t("lost.text", { email: buyer.email })}>
            <ResendKeysForm idempotencyKey={newIdempotencyKey()} label={t("lost.button")} />
          </Card>
        </>
      )}
    </div>
  );
}
