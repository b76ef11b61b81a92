-- AlterTable
ALTER TABLE "Signature" ADD COLUMN "nonceHash" TEXT;

-- AlterTable
ALTER TABLE "NamedWithdrawal" ADD COLUMN "nonceHash" TEXT;

-- CreateTable
CREATE TABLE "SignKey" (
    "petitionId" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "privateKey" TEXT NOT NULL,
    CONSTRAINT "SignKey_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignTokenIssuance" (
    "petitionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "legacyDay" TEXT,

    PRIMARY KEY ("petitionId", "userId"),
    CONSTRAINT "SignTokenIssuance_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SignTokenIssuance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnonSignature" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "petitionId" TEXT NOT NULL,
    "nonceHash" TEXT,
    "day" TEXT NOT NULL,
    CONSTRAINT "AnonSignature_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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


-- Data (decision 018). Every existing signer holds the petition's token slot, so nobody can collect
-- a token and sign a second time. An anonymous signer's slot is a legacy claim (legacyDay) until
-- their browser collects the token, which rewrites the row like any other collection.
INSERT INTO "SignTokenIssuance" ("petitionId", "userId", "legacyDay")
SELECT "petitionId", "userId", CASE WHEN "anonymous" = 1 THEN strftime('%Y-%m-%d', 'now') END
FROM (
  SELECT "petitionId", "userId", MAX("visibility" = 'anonymous') AS "anonymous" FROM (
    SELECT "petitionId", "userId", "visibility" FROM "Signature"
    UNION ALL SELECT "petitionId", "userId", 'named' FROM "NamedWithdrawal"
  ) GROUP BY "petitionId", "userId"
) ORDER BY random();

-- Each anonymous signature becomes an authorless AnonSignature: random UUID, the day only, in random order.
INSERT INTO "AnonSignature" ("id", "petitionId", "nonceHash", "day")
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
       || substr('89ab', abs(random()) % 4 + 1, 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       "petitionId", NULL, CASE WHEN typeof("createdAt") = 'integer' THEN strftime('%Y-%m-%d', "createdAt" / 1000, 'unixepoch') ELSE substr("createdAt", 1, 10) END
FROM "Signature" WHERE "visibility" = 'anonymous' ORDER BY random();

DELETE FROM "Signature" WHERE "visibility" = 'anonymous';

-- The deleted rows and the claims' first version stay in free pages and the WAL until the file is
-- rewritten, which no migration can do (VACUUM runs outside transactions): ask the scheduler to
-- scrub at its first round (lib/db/scrub.ts).
INSERT INTO "Setting" ("key", "value", "updatedAt")
VALUES ('maintenance.scrub', '{"reason":"unlinkable signatures migration"}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
ON CONFLICT ("key") DO NOTHING;
