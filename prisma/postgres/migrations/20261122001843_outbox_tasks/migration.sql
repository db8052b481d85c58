-- AlterEnum
ALTER TYPE "OutboxChannel" ADD VALUE 'task';
