-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "lastEventAt" TIMESTAMP(3);
