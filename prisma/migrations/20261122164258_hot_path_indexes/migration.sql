-- CreateIndex
CREATE INDEX "Petition_updatedAt_idx" ON "Petition"("updatedAt");

-- CreateIndex
CREATE INDEX "Signature_petitionId_coSponsor_idx" ON "Signature"("petitionId", "coSponsor");

