-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "duplicateOfId" TEXT;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Petition"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Similar petitions (docs/decisions/024), added by hand: an expression index for full-text search
-- over title and ask with the English stemmer; lib/db/search.ts queries exactly this expression.
CREATE INDEX "Petition_similar_idx" ON "Petition" USING GIN (to_tsvector('english', "title" || ' ' || "ask"));
