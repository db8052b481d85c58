-- AlterTable
ALTER TABLE "DownloadGrant" ADD COLUMN     "bytesServed" BIGINT NOT NULL DEFAULT 0;
