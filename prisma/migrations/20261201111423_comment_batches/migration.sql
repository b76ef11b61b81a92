-- AlterTable
ALTER TABLE "SpentToken" ADD COLUMN "contentHash" TEXT;

-- RedefineTables
-- Copied in the order of the random ids, so the new rowids forget the order comments were posted in.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnonComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT,
    "petitionId" TEXT,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hiddenReason" TEXT,
    "hiddenDay" TEXT,
    CONSTRAINT "AnonComment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnonComment_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnonComment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AnonComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AnonComment" ("body", "day", "hiddenDay", "hiddenReason", "id", "parentId", "petitionId", "programId") SELECT "body", "day", "hiddenDay", "hiddenReason", "id", "parentId", "petitionId", "programId" FROM "AnonComment" ORDER BY "id";
DROP TABLE "AnonComment";
ALTER TABLE "new_AnonComment" RENAME TO "AnonComment";
CREATE INDEX "AnonComment_programId_day_idx" ON "AnonComment"("programId", "day");
CREATE INDEX "AnonComment_petitionId_day_idx" ON "AnonComment"("petitionId", "day");
CREATE INDEX "AnonComment_parentId_idx" ON "AnonComment"("parentId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

