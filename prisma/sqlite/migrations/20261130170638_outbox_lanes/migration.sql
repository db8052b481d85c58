-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL DEFAULT 'mail',
    "kind" TEXT NOT NULL,
    "payloadEnc" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 8,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimToken" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "transport" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lane" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_OutboxMessage" ("attempts", "channel", "claimToken", "createdAt", "id", "kind", "lastError", "lockedUntil", "maxAttempts", "nextAttemptAt", "payloadEnc", "sentAt", "status", "transport") SELECT "attempts", "channel", "claimToken", "createdAt", "id", "kind", "lastError", "lockedUntil", "maxAttempts", "nextAttemptAt", "payloadEnc", "sentAt", "status", "transport" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_lane_nextAttemptAt_idx" ON "OutboxMessage"("status", "lane", "nextAttemptAt");
CREATE INDEX "OutboxMessage_claimToken_idx" ON "OutboxMessage"("claimToken");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
