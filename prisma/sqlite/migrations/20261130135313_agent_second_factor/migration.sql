-- AlterTable
ALTER TABLE "Agent" ADD COLUMN "totpLastStep" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN "secondFactorAt" DATETIME;

-- CreateTable
CREATE TABLE "AgentRecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgentRecoveryCode_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentRecoveryCode_codeHash_key" ON "AgentRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "AgentRecoveryCode_agentId_idx" ON "AgentRecoveryCode"("agentId");
