-- AlterTable
ALTER TABLE "StoreCustomer" ADD COLUMN     "emailHash" TEXT;

-- CreateIndex
CREATE INDEX "StoreCustomer_emailHash_idx" ON "StoreCustomer"("emailHash");
