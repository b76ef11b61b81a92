-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "owningTeam" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "collects" TEXT NOT NULL,
    "retention" TEXT NOT NULL,
    "dataAccess" TEXT NOT NULL,
    "consentModel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "policyText" TEXT NOT NULL,
    "startedOn" DATETIME,
    "endedOn" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProgramPolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "policyText" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgramPolicyVersion_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgramStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgramStatusChange_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TokenKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "week" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "TokenIssuance" (
    "userId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "issued" INTEGER NOT NULL,

    PRIMARY KEY ("userId", "week", "purpose"),
    CONSTRAINT "TokenIssuance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SpentToken" (
    "nonceHash" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AnonComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programId" TEXT,
    "petitionId" TEXT,
    "parentId" TEXT,
    "body" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "hiddenReason" TEXT,
    "hiddenDay" TEXT,
    CONSTRAINT "AnonComment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnonComment_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnonComment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "AnonComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentFlag_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "AnonComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "programId" TEXT,
    CONSTRAINT "Petition_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Petition" ("addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "goal", "id", "openedAt", "respondedAt", "responseDueAt", "responseThreshold", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt") SELECT "addressedTo", "ask", "background", "closedAt", "closesAt", "coSponsorToken", "createdAt", "goal", "id", "openedAt", "respondedAt", "responseDueAt", "responseThreshold", "searchText", "signatureCount", "slug", "state", "thresholdReachedAt", "title", "updatedAt" FROM "Petition";
DROP TABLE "Petition";
ALTER TABLE "new_Petition" RENAME TO "Petition";
CREATE UNIQUE INDEX "Petition_slug_key" ON "Petition"("slug");
CREATE UNIQUE INDEX "Petition_coSponsorToken_key" ON "Petition"("coSponsorToken");
CREATE INDEX "Petition_state_openedAt_idx" ON "Petition"("state", "openedAt");
CREATE INDEX "Petition_state_responseDueAt_idx" ON "Petition"("state", "responseDueAt");
CREATE INDEX "Petition_state_closedAt_idx" ON "Petition"("state", "closedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Program_slug_key" ON "Program"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "ProgramPolicyVersion_programId_version_key" ON "ProgramPolicyVersion"("programId", "version");

-- CreateIndex
CREATE INDEX "ProgramStatusChange_programId_createdAt_idx" ON "ProgramStatusChange"("programId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TokenKey_week_key" ON "TokenKey"("week");

-- CreateIndex
CREATE INDEX "AnonComment_programId_day_idx" ON "AnonComment"("programId", "day");

-- CreateIndex
CREATE INDEX "AnonComment_petitionId_day_idx" ON "AnonComment"("petitionId", "day");

-- CreateIndex
CREATE INDEX "AnonComment_parentId_idx" ON "AnonComment"("parentId");

-- CreateIndex
CREATE INDEX "CommentFlag_createdAt_idx" ON "CommentFlag"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommentFlag_commentId_userId_key" ON "CommentFlag"("commentId", "userId");

