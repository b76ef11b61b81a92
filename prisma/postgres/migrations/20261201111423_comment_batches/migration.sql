-- AlterTable
ALTER TABLE "SpentToken" ADD COLUMN     "contentHash" TEXT;

-- AlterTable
ALTER TABLE "AnonComment" DROP COLUMN "keyId";

