import { describe, expect, it } from "vitest";
import { bulkInsert, quotedIdentifier } from "@/lib/db/bulk-insert";
import type { TTx } from "@/lib/db";

// Table, column and enum names are spliced into bulkInsert's SQL: only plain identifiers may pass.
describe("bulkInsert's identifier check", () => {
  it("quotes the names the schema uses", () => {
    for (const name of ["Order", "OrderItem", "LicenseKey", "emailHash", "customer_id", "OrderStatus"])
      expect(quotedIdentifier(name)).toBe(`"${name}"`);
  });

  it("refuses anything that could change the statement", () => {
    for (const name of [
      "",
      'Order"; DROP TABLE "Customer"; --',
      'a"b',
      "Order Item",
      "main.Order",
      "1Order",
      "_hidden",
      "name;",
      "col)",
      "ñame",
      "a".repeat(64),
    ])
      expect(() => quotedIdentifier(name), name).toThrow(/Not an SQL identifier/);
  });

  // No database is touched: the names are checked before a statement is built (and before the
  // transaction would be used), also when there are no rows.
  const noTransaction = {} as TTx;
  it("checks the table, every column and every enum before building a statement", async () => {
    await expect(bulkInsert(noTransaction, 'Order" --', { id: "text" }, [])).rejects.toThrow(/Not an SQL identifier/);
    await expect(bulkInsert(noTransaction, "Order", { id: "text", "x) VALUES (1); --": "int" }, [])).rejects.toThrow(
      /Not an SQL identifier/,
    );
    await expect(bulkInsert(noTransaction, "Order", { status: { enum: 'OrderStatus"' } }, [])).rejects.toThrow(
      /Not an SQL identifier/,
    );
    await expect(bulkInsert(noTransaction, "Order", { id: "text", status: { enum: "OrderStatus" } }, [])).resolves.toBe(
      undefined,
    );
  });
});
