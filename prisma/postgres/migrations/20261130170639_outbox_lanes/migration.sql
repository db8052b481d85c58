-- DropIndex
DROP INDEX "OutboxMessage_status_nextAttemptAt_idx";

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "lane" INTEGER NOT NULL DEFAULT 1;

-- CreateIndex
CREATE INDEX "OutboxMessage_status_lane_nextAttemptAt_idx" ON "OutboxMessage"("status", "lane", "nextAttemptAt");
