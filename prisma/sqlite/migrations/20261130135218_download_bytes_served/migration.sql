-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DownloadGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "orderItemId" TEXT NOT NULL,
    "productFileId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "maxDownloads" INTEGER NOT NULL,
    "downloadCount" INTEGER NOT NULL DEFAULT 0,
    "bytesServed" BIGINT NOT NULL DEFAULT 0,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DownloadGrant_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DownloadGrant_productFileId_fkey" FOREIGN KEY ("productFileId") REFERENCES "ProductFile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DownloadGrant_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DownloadGrant" ("createdAt", "customerId", "downloadCount", "expiresAt", "id", "maxDownloads", "orderItemId", "productFileId", "revokedAt", "tokenHash") SELECT "createdAt", "customerId", "downloadCount", "expiresAt", "id", "maxDownloads", "orderItemId", "productFileId", "revokedAt", "tokenHash" FROM "DownloadGrant";
DROP TABLE "DownloadGrant";
ALTER TABLE "new_DownloadGrant" RENAME TO "DownloadGrant";
CREATE UNIQUE INDEX "DownloadGrant_tokenHash_key" ON "DownloadGrant"("tokenHash");
CREATE INDEX "DownloadGrant_orderItemId_idx" ON "DownloadGrant"("orderItemId");
CREATE INDEX "DownloadGrant_customerId_idx" ON "DownloadGrant"("customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
