-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "numberKey" TEXT NOT NULL DEFAULT '',
    "placedAt" DATETIME NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalAmount" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "emailEnc" TEXT NOT NULL,
    "billingNameEnc" TEXT,
    "billingPhoneEnc" TEXT,
    "billingAddrEnc" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("billingAddrEnc", "billingNameEnc", "billingPhoneEnc", "createdAt", "currency", "customerId", "emailEnc", "emailHash", "externalId", "id", "number", "placedAt", "source", "status", "totalAmount", "updatedAt") SELECT "billingAddrEnc", "billingNameEnc", "billingPhoneEnc", "createdAt", "currency", "customerId", "emailEnc", "emailHash", "externalId", "id", "number", "placedAt", "source", "status", "totalAmount", "updatedAt" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_numberKey_idx" ON "Order"("numberKey");
CREATE INDEX "Order_customerId_placedAt_idx" ON "Order"("customerId", "placedAt");
CREATE INDEX "Order_emailHash_idx" ON "Order"("emailHash");
CREATE UNIQUE INDEX "Order_source_externalId_key" ON "Order"("source", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: the number as searched (lib/orders/order-number.ts): ASCII lower case (SQLite's lower()
-- folds ASCII only), without "#", spaces, tabs and line breaks.
UPDATE "Order" SET "numberKey" = lower(replace(replace(replace(replace(replace("number", '#', ''), ' ', ''), char(9), ''), char(10), ''), char(13), ''));
