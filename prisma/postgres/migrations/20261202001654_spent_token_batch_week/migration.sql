-- AlterTable
-- Rows spent before this migration get the newest key's week (kept at least as long as their own
-- key would have kept them); their own key's week is not carried over.
ALTER TABLE "SpentToken" ADD COLUMN "week" TEXT;
UPDATE "SpentToken" SET "week" = COALESCE((SELECT MAX("week") FROM "TokenKey"), '');
ALTER TABLE "SpentToken" ALTER COLUMN "week" SET NOT NULL;
ALTER TABLE "SpentToken" DROP COLUMN "keyId";
-- The rows' old versions, with every spent token's key id, stay as dead tuples until VACUUM FULL
-- rewrites the table, which no migration can do (it runs outside transactions): ask the scheduler
-- to scrub at its first round (lib/db/scrub.ts).
INSERT INTO "Setting" ("key", "value", "updatedAt")
VALUES ('maintenance.scrub', '{"reason":"spent tokens keep their batch week"}', CURRENT_TIMESTAMP)
ON CONFLICT ("key") DO NOTHING;
