-- CreateTable
CREATE TABLE "NamedWithdrawal" (
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    PRIMARY KEY ("petitionId", "userId"),
    CONSTRAINT "NamedWithdrawal_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NamedWithdrawal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "NamedWithdrawal_userId_idx" ON "NamedWithdrawal"("userId");

