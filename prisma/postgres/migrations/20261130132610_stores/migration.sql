-- CreateEnum
CREATE TYPE "StoreEventOutcome" AS ENUM ('applied', 'duplicate', 'ignored', 'waiting', 'failed');

-- CreateTable
CREATE TABLE "Store" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "secretEnc" TEXT,
    "previousSecretEnc" TEXT,
    "previousSecretUntil" TIMESTAMP(3),
    "apiKeyEnc" TEXT,
    "apiBase" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "badSignatureCount" INTEGER NOT NULL DEFAULT 0,
    "lastBadSignatureAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoreEvent" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "providerEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" "StoreEventOutcome" NOT NULL,
    "reason" TEXT,
    "waitingFor" TEXT,
    "payloadEnc" TEXT,
    "payloadPurgeAfter" TIMESTAMP(3),
    "orderId" TEXT,
    "deliveries" INTEGER NOT NULL DEFAULT 1,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "StoreEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoreCustomer" (
    "storeId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "detailsEnc" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoreCustomer_pkey" PRIMARY KEY ("storeId","ref")
);

-- CreateTable
CREATE TABLE "StoreOrder" (
    "storeId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineRefs" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoreOrder_pkey" PRIMARY KEY ("storeId","externalId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Store_name_key" ON "Store"("name");

-- CreateIndex
CREATE INDEX "StoreEvent_storeId_receivedAt_idx" ON "StoreEvent"("storeId", "receivedAt");

-- CreateIndex
CREATE INDEX "StoreEvent_storeId_waitingFor_idx" ON "StoreEvent"("storeId", "waitingFor");

-- CreateIndex
CREATE INDEX "StoreEvent_payloadPurgeAfter_idx" ON "StoreEvent"("payloadPurgeAfter");

-- CreateIndex
CREATE UNIQUE INDEX "StoreEvent_storeId_providerEventId_key" ON "StoreEvent"("storeId", "providerEventId");

-- CreateIndex
CREATE INDEX "StoreOrder_orderId_idx" ON "StoreOrder"("orderId");

-- AddForeignKey
ALTER TABLE "StoreEvent" ADD CONSTRAINT "StoreEvent_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoreCustomer" ADD CONSTRAINT "StoreCustomer_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoreOrder" ADD CONSTRAINT "StoreOrder_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE CASCADE ON UPDATE CASCADE;
