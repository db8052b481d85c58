import "server-only";
import { db } from "@/lib/db";
import { assertOperator, type TOperator } from "@/lib/auth/assert-operator";
import { storeConnector } from "@/lib/stores/connectors";
import { storeUrlToken, storeWebhookUrl } from "@/lib/stores/store-config";

export interface TStoreListItem {
  id: string;
  name: string;
  provider: string;
  providerLabel: string;
  setupHint: string;
  needsSecret: boolean;
  /** The secret is a token in the webhook URL (Gumroad): rotating makes a new URL. */
  secretInUrl: boolean;
  hasSecret: boolean;
  /** Until when the secret replaced by the last rotation still verifies. */
  previousSecretUntil: Date | null;
  hasApiKey: boolean;
  apiBase: string | null;
  disabled: boolean;
  badSignatureCount: number;
  lastBadSignatureAt: Date | null;
  webhookUrl: string;
  createdAt: Date;
  events: { failed: number; waiting: number; total: number };
}

/** Every store with its webhook URL and setup hint (admins, or `CLI_ACTOR` for the CLI). Never a
 * secret, except the token in a Gumroad store's URL: that URL is what the admin must paste. */
export async function listStores(actor: TOperator): Promise<TStoreListItem[]> {
  assertOperator(actor);
  const now = new Date();
  const stores = await db().store.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      provider: true,
      secretEnc: true,
      previousSecretUntil: true,
      apiKeyEnc: true,
      apiBase: true,
      disabled: true,
      badSignatureCount: true,
      lastBadSignatureAt: true,
      createdAt: true,
      _count: { select: { events: true } },
    },
  });
  const counts = await db().storeEvent.groupBy({
    by: ["storeId", "outcome"],
    where: { outcome: { in: ["failed", "waiting"] } },
    _count: { _all: true },
  });
  const countOf = (storeId: string, outcome: string) =>
    counts.find((c) => c.storeId === storeId && c.outcome === outcome)?._count._all ?? 0;
  return stores.map((store) => {
    const connector = storeConnector(store.provider);
    return {
      id: store.id,
      name: store.name,
      provider: store.provider,
      providerLabel: connector?.label ?? store.provider,
      setupHint: connector?.setupHint ?? "",
      needsSecret: connector?.needsSecret ?? true,
      secretInUrl: connector?.secretInUrl ?? false,
      hasSecret: store.secretEnc !== null,
      previousSecretUntil:
        store.previousSecretUntil && store.previousSecretUntil > now ? store.previousSecretUntil : null,
      hasApiKey: store.apiKeyEnc !== null,
      apiBase: store.apiBase,
      disabled: store.disabled,
      badSignatureCount: store.badSignatureCount,
      lastBadSignatureAt: store.lastBadSignatureAt,
      webhookUrl: storeWebhookUrl(store.id, storeUrlToken(connector?.secretInUrl, store.secretEnc)),
      createdAt: store.createdAt,
      events: {
        failed: countOf(store.id, "failed"),
        waiting: countOf(store.id, "waiting"),
        total: store._count.events,
      },
    };
  });
}
