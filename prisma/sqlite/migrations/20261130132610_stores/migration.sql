-- CreateTable
CREATE TABLE "Store" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "secretEnc" TEXT,
    "previousSecretEnc" TEXT,
    "previousSecretUntil" DATETIME,
    "apiKeyEnc" TEXT,
    "apiBase" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "badSignatureCount" INTEGER NOT NULL DEFAULT 0,
    "lastBadSignatureAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StoreEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "storeId" TEXT NOT NULL,
    "providerEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "waitingFor" TEXT,
    "payloadEnc" TEXT,
    "payloadPurgeAfter" DATETIME,
    "orderId" TEXT,
    "deliveries" INTEGER NOT NULL DEFAULT 1,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" DATETIME,
    CONSTRAINT "StoreEvent_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoreCustomer" (
    "storeId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "detailsEnc" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("storeId", "ref"),
    CONSTRAINT "StoreCustomer_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StoreOrder" (
    "storeId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "lineRefs" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("storeId", "externalId"),
    CONSTRAINT "StoreOrder_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
