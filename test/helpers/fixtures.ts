// Small builders for integration tests: realistic orders through the real intake use case.
import { randomBytes } from "node:crypto";
import { ingestOrder } from "@/lib/orders/ingest-order";
import type { TOrderPayload } from "@/lib/orders/schemas";

let counter = 0;

/** A licence key in the usual 12345-12345-12345-12345 form. */
export function licenseKey(): string {
  return Array.from({ length: 4 }, () => String(randomBytes(3).readUIntBE(0, 3) % 100000).padStart(5, "0")).join("-");
}

/** Ingests a paid order for `email` (one item with one key unless overridden); returns the result and payload. */
export async function givenOrder(email: string, overrides: Partial<TOrderPayload> = {}) {
  counter += 1;
  const payload: TOrderPayload = {
    source: "digitalriver",
    externalId: `DR-${Date.now()}-${counter}`,
    number: `${100000 + counter}`,
    placedAt: new Date(Date.now() - 86_400_000).toISOString(),
    status: "paid",
    currency: "EUR",
    customer: { email, name: "Test Buyer" },
    items: [{ sku: "PFS-1", name: "PixelForge Studio", quantity: 1, unitAmount: 4900, licenseKeys: [licenseKey()] }],
    ...overrides,
  };
  const result = await ingestOrder(payload, { type: "system", label: "test" });
  return { ...result, payload };
}
