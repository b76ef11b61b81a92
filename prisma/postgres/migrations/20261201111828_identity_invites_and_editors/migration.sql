-- AlterTable
ALTER TABLE "ResponseRevision" ADD COLUMN     "editorId" TEXT,
ADD COLUMN     "editorRole" TEXT;

-- CreateTable
CREATE TABLE "CoOrganizerAddressInvite" (
    "id" TEXT NOT NULL,
    "petitionId" TEXT NOT NULL,
    "addressHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoOrganizerAddressInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CoOrganizerAddressInvite_addressHash_idx" ON "CoOrganizerAddressInvite"("addressHash");

-- CreateIndex
CREATE UNIQUE INDEX "CoOrganizerAddressInvite_petitionId_addressHash_key" ON "CoOrganizerAddressInvite"("petitionId", "addressHash");

-- AddForeignKey
ALTER TABLE "CoOrganizerAddressInvite" ADD CONSTRAINT "CoOrganizerAddressInvite_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

