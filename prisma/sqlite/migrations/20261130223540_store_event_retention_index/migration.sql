-- CreateIndex
CREATE INDEX "StoreEvent_receivedAt_idx" ON "StoreEvent"("receivedAt");
