-- AlterTable
ALTER TABLE "RefundRequest" ADD COLUMN "approvedItems" JSONB;
ALTER TABLE "RefundRequest" ADD COLUMN "firstApprovedAt" DATETIME;
ALTER TABLE "RefundRequest" ADD COLUMN "firstApprovedById" TEXT;

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TicketViewer" (
    "ticketId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "composing" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("ticketId", "agentId")
);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "keepLicenseKeys" BOOLEAN,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ErasureRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TicketViewer_ticketId_lastSeenAt_idx" ON "TicketViewer"("ticketId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_status_createdAt_idx" ON "ErasureRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_customerId_idx" ON "ErasureRequest"("customerId");
