import "server-only";
import type { TTx } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import type { TOrderPayload } from "@/lib/orders/schemas";

/** Fills `products` (sku → id) for every sku of the batch, creating unknown products once. */
export async function ensureProducts(tx: TTx, fresh: { payload: TOrderPayload }[], products: Map<string, string>) {
  const names = new Map<string, string>();
  for (const { payload } of fresh)
    for (const item of payload.items)
      if (!products.has(item.sku) && !names.has(item.sku)) names.set(item.sku, item.name);
  if (names.size === 0) return;
  const found = await tx.product.findMany({
    where: { sku: { in: [...names.keys()] } },
    select: { id: true, sku: true },
  });
  for (const row of found) products.set(row.sku, row.id);
  // Default refund window, download lifetime and limit come from the schema; admins adjust them.
  const missing = [...names].filter(([sku]) => !products.has(sku)).map(([sku, name]) => ({ id: newId(), sku, name }));
  if (missing.length > 0) await tx.product.createMany({ data: missing });
  for (const row of missing) products.set(row.sku, row.id);
}
