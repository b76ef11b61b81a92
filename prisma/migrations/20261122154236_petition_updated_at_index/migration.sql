-- CreateIndex
CREATE INDEX "Petition_updatedAt_idx" ON "Petition"("updatedAt");

