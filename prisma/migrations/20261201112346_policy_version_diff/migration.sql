-- AlterTable
ALTER TABLE "ProgramPolicyVersion" ADD COLUMN "diff" TEXT;

