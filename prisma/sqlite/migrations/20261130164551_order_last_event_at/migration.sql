-- AlterTable
ALTER TABLE "Order" ADD COLUMN "lastEventAt" DATETIME;
