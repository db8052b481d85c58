-- AlterEnum
ALTER TYPE "SessionKind" ADD VALUE 'agent_pending';

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "totpLastStep" INTEGER;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "secondFactorAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AgentRecoveryCode" (
    "id" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentRecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentRecoveryCode_codeHash_key" ON "AgentRecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "AgentRecoveryCode_agentId_idx" ON "AgentRecoveryCode"("agentId");

-- AddForeignKey
ALTER TABLE "AgentRecoveryCode" ADD CONSTRAINT "AgentRecoveryCode_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
