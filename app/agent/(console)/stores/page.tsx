import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/guards";
import { getStoresPage } from "@/lib/stores/get-stores-page";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { CopyButton } from "@/app/_components/copy-button";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { RowActionButton } from "@/app/_components/row-action-button";
import { formatDateTime } from "@/app/_components/format";
import { removeStoreAction, rotateSecretAction, setStoreDisabledAction } from "./actions";
import { AddStoreForm } from "./_components/add-store-form";
import { RotateSecretForm } from "./_components/rotate-secret-form";

export const metadata: Metadata = { title: "Stores" };

export default async function StoresPage() {
  const admin = await requireAdmin();
  const { stores, providers } = await getStoresPage(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Stores"
        description="The stores you sell through. Paste a store's webhook URL into its dashboard: paid orders, licence keys, refunds and chargebacks then arrive by themselves."
      />
      <div className="split">
        <div className="stack stack--lg">
          {stores.length === 0 ? (
            <EmptyState title="No stores yet" description="Add the first store you sell through with the form." />
          ) : null}
          {stores.map((store) => (
            <Card
              key={store.id}
              title={store.name}
              description={store.providerLabel}
              actions={
                <div className="cluster">
                  {store.disabled ? <Badge tone="neutral">Disabled</Badge> : <Badge status="active" />}
                  {store.needsSecret && !store.hasSecret ? <Badge tone="warning">No secret yet</Badge> : null}
                </div>
              }
            >
              <div className="stack">
                <div className="stack stack--sm">
                  <p className="small muted">Webhook URL</p>
                  <div className="cluster">
                    <code className="mono small">{store.webhookUrl}</code>
                    <CopyButton value={store.webhookUrl} what={`webhook URL of ${store.name}`} />
                  </div>
                  <p className="small">{store.setupHint}</p>
                  {store.secretInUrl ? (
                    <p className="small muted">
                      The token in this URL is the store&apos;s secret: keep the URL private. A new URL stops the old
                      one 24 hours later.
                    </p>
                  ) : null}
                </div>
                <p className="small">
                  <Link className="link" href={`/agent/stores/${store.id}`}>
                    Received events
                  </Link>{" "}
                  — {store.events.total} recorded
                  {store.events.failed > 0 ? `, ${store.events.failed} failed` : ""}
                  {store.events.waiting > 0 ? `, ${store.events.waiting} waiting` : ""}. Refused signatures:{" "}
                  {store.badSignatureCount}
                  {store.lastBadSignatureAt ? ` (last ${formatDateTime(store.lastBadSignatureAt)})` : ""}.
                  {store.previousSecretUntil
                    ? ` The previous secret is accepted until ${formatDateTime(store.previousSecretUntil)}.`
                    : ""}
                </p>
                {store.secretInUrl ? (
                  <RowActionButton
                    action={rotateSecretAction}
                    fields={{ storeId: store.id }}
                    label="Make a new URL"
                    target={`for ${store.name}`}
                  />
                ) : store.needsSecret ? (
                  <RotateSecretForm storeId={store.id} storeName={store.name} hasSecret={store.hasSecret} />
                ) : null}
                <div className="cluster">
                  <RowActionButton
                    action={setStoreDisabledAction}
                    fields={{ storeId: store.id, disabled: store.disabled ? "false" : "true" }}
                    label={store.disabled ? "Enable" : "Disable"}
                    target={store.name}
                  />
                  <RowActionButton
                    action={removeStoreAction}
                    fields={{ storeId: store.id }}
                    label="Remove"
                    target={store.name}
                    variant="danger"
                  />
                </div>
              </div>
            </Card>
          ))}
        </div>
        <Card title="Add a store">
          <AddStoreForm providers={providers} />
        </Card>
      </div>
    </div>
  );
}
