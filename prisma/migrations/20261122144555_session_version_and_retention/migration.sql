-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT,
    "location" TEXT,
    "role" TEXT NOT NULL DEFAULT 'employee',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailMode" TEXT NOT NULL DEFAULT 'off',
    "sessionVersion" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_User" ("createdAt", "department", "email", "emailMode", "id", "location", "name", "role") SELECT "createdAt", "department", "email", "emailMode", "id", "location", "name", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
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
    CONSTRAINT "Petition_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Petition" ("addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "deliveredAt", "goal", "hiddenAt", "hiddenReason", "id", "openedAt", "programId", "respondedAt", "responseDueAt", "responseThreshold", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt") SELECT "addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "deliveredAt", "goal", "hiddenAt", "hiddenReason", "id", "openedAt", "programId", "respondedAt", "responseDueAt", "responseThreshold", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt" FROM "Petition";
DROP TABLE "Petition";
ALTER TABLE "new_Petition" RENAME TO "Petition";
CREATE UNIQUE INDEX "Petition_slug_key" ON "Petition"("slug");
CREATE UNIQUE INDEX "Petition_coSponsorToken_key" ON "Petition"("coSponsorToken");
CREATE INDEX "Petition_state_openedAt_idx" ON "Petition"("state", "openedAt");
CREATE INDEX "Petition_state_responseDueAt_idx" ON "Petition"("state", "responseDueAt");
CREATE INDEX "Petition_state_closedAt_idx" ON "Petition"("state", "closedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

