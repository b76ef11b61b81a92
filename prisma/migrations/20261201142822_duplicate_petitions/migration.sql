-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Petition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ask" TEXT NOT NULL,
    "background" TEXT NOT NULL,
    "addressedTo" TEXT NOT NULL,
    "goal" INTEGER NOT NULL,
    "responseThreshold" INTEGER NOT NULL,
    "searchText" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "coSponsorToken" TEXT NOT NULL,
    "signatureCount" INTEGER NOT NULL DEFAULT 0,
    "closesAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "thresholdReachedAt" DATETIME,
    "responseDueAt" DATETIME,
    "respondedAt" DATETIME,
    "closedAt" DATETIME,
    "retainedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "programId" TEXT,
    "hiddenReason" TEXT,
    "hiddenAt" DATETIME,
    "deliveredAt" DATETIME,
    "duplicateOfId" TEXT,
    CONSTRAINT "Petition_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Petition_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Petition" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Petition" ("addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "deliveredAt", "goal", "hiddenAt", "hiddenReason", "id", "openedAt", "programId", "respondedAt", "responseDueAt", "responseThreshold", "retainedCount", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt") SELECT "addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "deliveredAt", "goal", "hiddenAt", "hiddenReason", "id", "openedAt", "programId", "respondedAt", "responseDueAt", "responseThreshold", "retainedCount", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt" FROM "Petition";
DROP TABLE "Petition";
ALTER TABLE "new_Petition" RENAME TO "Petition";
CREATE UNIQUE INDEX "Petition_slug_key" ON "Petition"("slug");
CREATE UNIQUE INDEX "Petition_coSponsorToken_key" ON "Petition"("coSponsorToken");
CREATE INDEX "Petition_state_openedAt_idx" ON "Petition"("state", "openedAt");
CREATE INDEX "Petition_state_responseDueAt_idx" ON "Petition"("state", "responseDueAt");
CREATE INDEX "Petition_state_closedAt_idx" ON "Petition"("state", "closedAt");
CREATE INDEX "Petition_updatedAt_idx" ON "Petition"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Similar petitions (docs/decisions/024), added by hand: the Prisma schema cannot express an FTS5
-- table. It holds each petition's title and ask, tokenized with the Porter stemmer, and triggers
-- keep it in step with "Petition". A later migration that redefines "Petition" (Prisma's
-- RedefineTables drops the table) drops these triggers: it must create them again and rebuild the
-- table with the INSERT below. test/integration/similar-petitions.test.ts fails if it does not.
CREATE VIRTUAL TABLE "PetitionSearch" USING fts5("petitionId" UNINDEXED, "title", "ask", tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO "PetitionSearch" ("petitionId", "title", "ask") SELECT "id", "title", "ask" FROM "Petition";
CREATE TRIGGER "Petition_search_insert" AFTER INSERT ON "Petition" BEGIN
  INSERT INTO "PetitionSearch" ("petitionId", "title", "ask") VALUES (NEW."id", NEW."title", NEW."ask");
END;
CREATE TRIGGER "Petition_search_update" AFTER UPDATE OF "title", "ask" ON "Petition" BEGIN
  DELETE FROM "PetitionSearch" WHERE "petitionId" = OLD."id";
  INSERT INTO "PetitionSearch" ("petitionId", "title", "ask") VALUES (NEW."id", NEW."title", NEW."ask");
END;
CREATE TRIGGER "Petition_search_delete" AFTER DELETE ON "Petition" BEGIN
  DELETE FROM "PetitionSearch" WHERE "petitionId" = OLD."id";
END;
