-- DropIndex
DROP INDEX "Order_number_idx";

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "numberKey" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Order_numberKey_idx" ON "Order"("numberKey");

-- Backfill: the number as searched (lib/orders/order-number.ts): ASCII lower case, without "#",
-- spaces, tabs and line breaks (translate() deletes the characters it has no replacement for).
UPDATE "Order" SET "numberKey" = translate("number", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ# ' || chr(9) || chr(10) || chr(13), 'abcdefghijklmnopqrstuvwxyz');
