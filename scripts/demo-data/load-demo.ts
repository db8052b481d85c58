// Loads the demo data set through ingestOrder and addProductFile (used by scripts/demo.ts and its test).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseOrderPayload } from "@/lib/orders/schemas";
import { ingestOrder } from "@/lib/orders/ingest-order";
import { findOrderByExternalId } from "@/lib/orders/find-order-by-external-id";
import { addProductFile, type TProductFileDto } from "@/lib/products/add-product-file";
import { DEMO_INSTALLER_SKU, demoOrders } from "@/scripts/demo-data/demo-orders";

const INSTALLER_NAME = "PixelForgeStudio-3.2.1-demo-setup.txt";

async function anchorDate(): Promise<Date> {
  // Recover the first run's "now" from the first demo order, so re-runs produce identical dates.
  const [reference] = demoOrders(new Date(0));
  if (!reference) return new Date();
  const existing = await findOrderByExternalId(reference.source, reference.externalId);
  if (!existing) return new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return new Date(existing.placedAt.getTime() - Date.parse(reference.placedAt));
}

/** Loads (or re-checks) every demo order and the demo download; returns what changed. */
export async function loadDemo(): Promise<{
  counts: Record<"created" | "updated" | "unchanged", number>;
  file: TProductFileDto;
}> {
  const anchor = await anchorDate();
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const order of demoOrders(anchor)) {
    const { result } = await ingestOrder(parseOrderPayload(order), { type: "system", label: "demo" });
    counts[result] += 1;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-demo-"));
  try {
    const filePath = path.join(dir, INSTALLER_NAME);
    const line = "PixelForge Studio 3.2.1 - demo download. This file stands in for the real installer.\n";
    fs.writeFileSync(filePath, line.repeat(800));
    const file = await addProductFile({ sku: DEMO_INSTALLER_SKU, filePath, version: "3.2.1" });
    return { counts, file };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
