-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "locale" TEXT;
