-- CreateEnum
CREATE TYPE "ErasureStatus" AS ENUM ('pending', 'completed', 'denied', 'cancelled');

-- AlterTable
ALTER TABLE "RefundRequest" ADD COLUMN     "approvedItems" JSONB,
ADD COLUMN     "firstApprovedAt" TIMESTAMP(3),
ADD COLUMN     "firstApprovedById" TEXT;

-- CreateTable
CREATE TABLE "CannedReply" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CannedReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketViewer" (
    "ticketId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "composing" BOOLEAN NOT NULL DEFAULT false,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketViewer_pkey" PRIMARY KEY ("ticketId","agentId")
);

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" "ErasureStatus" NOT NULL DEFAULT 'pending',
    "keepLicenseKeys" BOOLEAN,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TicketViewer_ticketId_lastSeenAt_idx" ON "TicketViewer"("ticketId", "lastSeenAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_status_createdAt_idx" ON "ErasureRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_customerId_idx" ON "ErasureRequest"("customerId");

-- AddForeignKey
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
