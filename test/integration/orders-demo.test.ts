import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { loadDemo } from "@/scripts/demo-data/load-demo";
import { DEMO_BUYERS_TO_TRY } from "@/scripts/demo-data/demo-orders";

describe("demo data", () => {
  it("loads resellers, products, a duplicate, a refund and a partial refund — and changes nothing the second time", async () => {
    const first = await loadDemo();
    expect(first.counts.created).toBeGreaterThanOrEqual(12);
    expect(first.file.result).toBe("created");
    const sources = await db().order.groupBy({ by: ["source"], _count: true });
    expect(sources.map((s) => s.source).sort()).toEqual(["digitalriver", "fastspring", "paddle", "shareit"]);
    expect(await db().product.count()).toBe(4);
    expect(await db().customer.count()).toBe(12);
    expect(await db().order.count({ where: { status: "refunded" } })).toBe(1);
    expect(await db().order.count({ where: { status: "partially_refunded" } })).toBe(1);
    expect(await db().licenseKey.count({ where: { status: "revoked" } })).toBe(2);

    const mara = await db().order.findMany({
      where: { emailHash: emailIndex(DEMO_BUYERS_TO_TRY[0]?.email ?? "") },
      include: { items: true },
    });
    expect(mara.map((o) => o.items[0]?.sku)).toEqual(["PIXF-STUDIO", "PIXF-STUDIO"]);
    const [a, b] = mara.map((o) => o.placedAt.getTime());
    expect(Math.abs((a ?? 0) - (b ?? 0))).toBeLessThanOrEqual(10 * 60_000);

    const second = await loadDemo();
    expect(second.counts).toEqual({ created: 0, updated: 0, unchanged: first.counts.created });
    expect(second.file.result).toBe("unchanged");
  });
});
