-- AlterTable
ALTER TABLE "Signature" ADD COLUMN     "nonceHash" TEXT;

-- AlterTable
ALTER TABLE "NamedWithdrawal" ADD COLUMN     "nonceHash" TEXT;

-- CreateTable
CREATE TABLE "SignKey" (
    "petitionId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,

    CONSTRAINT "SignKey_pkey" PRIMARY KEY ("petitionId")
);

-- CreateTable
CREATE TABLE "SignTokenIssuance" (
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "legacyDay" TEXT,

    CONSTRAINT "SignTokenIssuance_pkey" PRIMARY KEY ("petitionId","userId")
);

-- CreateTable
CREATE TABLE "AnonSignature" (
    "id" TEXT NOT NULL,
    "petitionId" TEXT NOT NULL,
    "nonceHash" TEXT,
    "day" TEXT NOT NULL,

    CONSTRAINT "AnonSignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SignKey_keyId_key" ON "SignKey"("keyId");

-- CreateIndex
CREATE INDEX "SignTokenIssuance_userId_idx" ON "SignTokenIssuance"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AnonSignature_nonceHash_key" ON "AnonSignature"("nonceHash");

-- CreateIndex
CREATE INDEX "AnonSignature_petitionId_day_idx" ON "AnonSignature"("petitionId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Signature_nonceHash_key" ON "Signature"("nonceHash");

-- CreateIndex
CREATE UNIQUE INDEX "NamedWithdrawal_nonceHash_key" ON "NamedWithdrawal"("nonceHash");

-- AddForeignKey
ALTER TABLE "SignKey" ADD CONSTRAINT "SignKey_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignTokenIssuance" ADD CONSTRAINT "SignTokenIssuance_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignTokenIssuance" ADD CONSTRAINT "SignTokenIssuance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnonSignature" ADD CONSTRAINT "AnonSignature_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Data (decision 018). Every existing signer holds the petition's token slot, so nobody can collect
-- a token and sign a second time. An anonymous signer's slot is a legacy claim (legacyDay) until
-- their browser collects the token, which rewrites the row like any other collection.
INSERT INTO "SignTokenIssuance" ("petitionId", "userId", "legacyDay")
SELECT "petitionId", "userId", CASE WHEN "anonymous" THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') END
FROM (
  SELECT "petitionId", "userId", bool_or("visibility" = 'anonymous') AS "anonymous" FROM (
    SELECT "petitionId", "userId", "visibility" FROM "Signature"
    UNION ALL SELECT "petitionId", "userId", 'named' FROM "NamedWithdrawal"
  ) s GROUP BY "petitionId", "userId"
) g ORDER BY random();

-- Each anonymous signature becomes an authorless AnonSignature: random UUID, the day only, in random order.
INSERT INTO "AnonSignature" ("id", "petitionId", "nonceHash", "day")
SELECT gen_random_uuid()::text, "petitionId", NULL, to_char("createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD')
FROM "Signature" WHERE "visibility" = 'anonymous' ORDER BY random();

DELETE FROM "Signature" WHERE "visibility" = 'anonymous';

-- The deleted rows stay as dead tuples until VACUUM FULL rewrites the tables, which no migration
-- can do (it runs outside transactions): ask the scheduler to scrub at its first round
-- (lib/db/scrub.ts).
INSERT INTO "Setting" ("key", "value", "updatedAt")
VALUES ('maintenance.scrub', '{"reason":"unlinkable signatures migration"}', CURRENT_TIMESTAMP)
ON CONFLICT ("key") DO NOTHING;
