-- CreateTable
CREATE TABLE "NamedWithdrawal" (
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "NamedWithdrawal_pkey" PRIMARY KEY ("petitionId","userId")
);

-- CreateIndex
CREATE INDEX "NamedWithdrawal_userId_idx" ON "NamedWithdrawal"("userId");

-- AddForeignKey
ALTER TABLE "NamedWithdrawal" ADD CONSTRAINT "NamedWithdrawal_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NamedWithdrawal" ADD CONSTRAINT "NamedWithdrawal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

