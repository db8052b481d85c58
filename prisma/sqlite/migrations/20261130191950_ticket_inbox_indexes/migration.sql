-- DropIndex
DROP INDEX "Ticket_status_lastMessageAt_idx";

-- DropIndex
DROP INDEX "Ticket_assigneeId_status_idx";

-- CreateIndex
CREATE INDEX "Ticket_status_verifiedAt_createdAt_idx" ON "Ticket"("status", "verifiedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_idx" ON "Ticket"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_assigneeId_status_verifiedAt_createdAt_idx" ON "Ticket"("assigneeId", "status", "verifiedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Ticket_orderId_idx" ON "Ticket"("orderId");
