-- AlterTable
ALTER TABLE "LicenseKey" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "LicenseKey_orderItemId_position_idx" ON "LicenseKey"("orderItemId", "position");

-- Backfill: keys delivered before this migration keep the order they were stored in, as far as it
-- can be told (ties within one insert broken by id, so the order is at least stable from now on).
UPDATE "LicenseKey" SET "position" = (
    SELECT COUNT(*) FROM "LicenseKey" AS "k"
    WHERE "k"."orderItemId" = "LicenseKey"."orderItemId"
      AND ("k"."createdAt" < "LicenseKey"."createdAt" OR ("k"."createdAt" = "LicenseKey"."createdAt" AND "k"."id" < "LicenseKey"."id"))
);
