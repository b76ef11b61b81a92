-- AlterTable
ALTER TABLE "ResponseRevision" ADD COLUMN "editorId" TEXT;
ALTER TABLE "ResponseRevision" ADD COLUMN "editorRole" TEXT;

-- CreateTable
CREATE TABLE "CoOrganizerAddressInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "petitionId" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CoOrganizerAddressInvite_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CoOrganizerAddressInvite_addressHash_idx" ON "CoOrganizerAddressInvite"("addressHash");

-- CreateIndex
CREATE UNIQUE INDEX "CoOrganizerAddressInvite_petitionId_addressHash_key" ON "CoOrganizerAddressInvite"("petitionId", "addressHash");

