-- AlterTable
-- Rows spent before this migration get the newest key's week (kept at least as long as their own
-- key would have kept them); their own key's week is not carried over.
ALTER TABLE "SpentToken" ADD COLUMN "week" TEXT;
UPDATE "SpentToken" SET "week" = COALESCE((SELECT MAX("week") FROM "TokenKey"), '');
ALTER TABLE "SpentToken" ALTER COLUMN "week" SET NOT NULL;
ALTER TABLE "SpentToken" DROP COLUMN "keyId";
