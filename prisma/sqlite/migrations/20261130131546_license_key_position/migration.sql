-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LicenseKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderItemId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyEnc" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'active',
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LicenseKey_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LicenseKey" ("createdAt", "id", "keyEnc", "keyHash", "orderItemId", "revokedAt", "revokedReason", "status") SELECT "createdAt", "id", "keyEnc", "keyHash", "orderItemId", "revokedAt", "revokedReason", "status" FROM "LicenseKey";
DROP TABLE "LicenseKey";
ALTER TABLE "new_LicenseKey" RENAME TO "LicenseKey";
CREATE INDEX "LicenseKey_keyHash_idx" ON "LicenseKey"("keyHash");
CREATE INDEX "LicenseKey_orderItemId_position_idx" ON "LicenseKey"("orderItemId", "position");
CREATE UNIQUE INDEX "LicenseKey_orderItemId_keyHash_key" ON "LicenseKey"("orderItemId", "keyHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill: keys delivered before this migration keep the order they were stored in, as far as it
-- can be told (ties within one insert broken by id, so the order is at least stable from now on).
UPDATE "LicenseKey" SET "position" = (
    SELECT COUNT(*) FROM "LicenseKey" AS "k"
    WHERE "k"."orderItemId" = "LicenseKey"."orderItemId"
      AND ("k"."createdAt" < "LicenseKey"."createdAt" OR ("k"."createdAt" = "LicenseKey"."createdAt" AND "k"."id" < "LicenseKey"."id"))
);
