import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Your orders" };

export default async function OrdersPage() {
  const buyer = await requireBuyer();
  const orders = await listBuyerOrders(buyer);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Your orders"
        description={
          <>
            Everything bought with <strong>{buyer.email}</strong>, newest first. Open an order for its licence keys and
            downloads.
          </>
        }
        actions={
          <Button href="/activity" variant="ghost" size="sm" icon={<IconShield />}>
            Access history
          </Button>
        }
      />
      {orders.length === 0 ? (
        <EmptyState
          icon={<IconReceipt />}
          title="No orders for this address"
          description={
            <p>
              We have no orders bought with <strong>{buyer.email}</strong>. Perhaps you used another address at
              checkout, or a reseller has not sent us the order yet.
            </p>
          }
          actions={
            <>
              <Button href="/lookup" variant="primary" native>
                Try another address
              </Button>
              <Button href="/support/new">Contact support</Button>
            </>
          }
        />
      ) : (
        <>
          <ul className="plain-list stack" aria-label={`${orders.length} order${orders.length === 1 ? "" : "s"}`}>
            {orders.map((order) => (
              <OrderCard key={order.id} order={order} href={buyerOrderPath(order, orders)} />
            ))}
          </ul>
          <Card
            title="Lost the confirmation e-mail?"
            description={<>We e-mail every active licence key of all your orders to {buyer.email}.</>}
          >
            <ResendKeysForm idempotencyKey={newIdempotencyKey()} label="E-mail me all my keys" />
          </Card>
        </>
      )}
    </div>
  );
}
