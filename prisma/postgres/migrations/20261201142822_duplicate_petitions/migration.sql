-- AlterTable
ALTER TABLE "Petition" ADD COLUMN     "duplicateOfId" TEXT;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Petition"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Similar petitions (docs/decisions/024), added by hand: the Prisma schema cannot express a
-- tsvector. A generated column holds title (weight A) and ask (weight B) through the English
-- stemmer, so ranking reads it instead of parsing every matching row again; lib/db/search.ts
-- queries it through the GIN index. Prisma never selects it and a schema diff never sees it.
ALTER TABLE "Petition" ADD COLUMN "similarVector" tsvector
  GENERATED ALWAYS AS (setweight(to_tsvector('english', "title"), 'A') || setweight(to_tsvector('english', "ask"), 'B')) STORED;
CREATE INDEX "Petition_similarVector_idx" ON "Petition" USING GIN ("similarVector");
