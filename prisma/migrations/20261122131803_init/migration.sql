-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT,
    "location" TEXT,
    "role" TEXT NOT NULL DEFAULT 'employee',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Petition" (
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
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PetitionOrganizer" (
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("petitionId", "userId"),
    CONSTRAINT "PetitionOrganizer_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PetitionOrganizer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Signature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "coSponsor" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Signature_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Signature_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimelineEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "petitionId" TEXT,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TimelineEvent_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_slug_key" ON "Petition"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_coSponsorToken_key" ON "Petition"("coSponsorToken");

-- CreateIndex
CREATE INDEX "Petition_state_openedAt_idx" ON "Petition"("state", "openedAt");

-- CreateIndex
CREATE INDEX "Petition_state_responseDueAt_idx" ON "Petition"("state", "responseDueAt");

-- CreateIndex
CREATE INDEX "Petition_state_closedAt_idx" ON "Petition"("state", "closedAt");

-- CreateIndex
CREATE INDEX "PetitionOrganizer_userId_idx" ON "PetitionOrganizer"("userId");

-- CreateIndex
CREATE INDEX "Signature_petitionId_visibility_createdAt_idx" ON "Signature"("petitionId", "visibility", "createdAt");

-- CreateIndex
CREATE INDEX "Signature_createdAt_idx" ON "Signature"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_petitionId_userId_key" ON "Signature"("petitionId", "userId");

-- CreateIndex
CREATE INDEX "TimelineEvent_createdAt_idx" ON "TimelineEvent"("createdAt");

-- CreateIndex
CREATE INDEX "TimelineEvent_petitionId_createdAt_idx" ON "TimelineEvent"("petitionId", "createdAt");

