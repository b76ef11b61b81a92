-- CreateIndex
CREATE INDEX "Signature_petitionId_coSponsor_idx" ON "Signature"("petitionId", "coSponsor");

