-- AlterTable
ALTER TABLE "TimelineEvent" ADD COLUMN     "message" TEXT;

