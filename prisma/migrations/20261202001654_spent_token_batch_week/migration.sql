-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SpentToken" (
    "nonceHash" TEXT NOT NULL PRIMARY KEY,
    "week" TEXT NOT NULL,
    "contentHash" TEXT
);
-- Rows spent before this migration get the newest key's week (kept at least as long as their own
-- key would have kept them); their own key's week is not carried over.
INSERT INTO "new_SpentToken" ("contentHash", "nonceHash", "week") SELECT "contentHash", "nonceHash", COALESCE((SELECT MAX("week") FROM "TokenKey"), '') FROM "SpentToken";
DROP TABLE "SpentToken";
ALTER TABLE "new_SpentToken" RENAME TO "SpentToken";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
-- The old table's pages, with every spent token's key id, stay in free pages and the WAL until the
-- file is rewritten, which no migration can do (VACUUM runs outside transactions): ask the
-- scheduler to scrub at its first round (lib/db/scrub.ts).
INSERT INTO "Setting" ("key", "value", "updatedAt")
VALUES ('maintenance.scrub', '{"reason":"spent tokens keep their batch week"}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ON CONFLICT ("key") DO NOTHING;
