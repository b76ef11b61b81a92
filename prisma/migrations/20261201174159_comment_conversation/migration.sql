-- AlterTable
ALTER TABLE "AnonComment" ADD COLUMN "answerKey" TEXT;

-- CreateTable
CREATE TABLE "CommentQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentQuestion_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "AnonComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentQuestion_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "questionId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    CONSTRAINT "CommentAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "CommentQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CommentQuestion_commentId_idx" ON "CommentQuestion"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "CommentAnswer_questionId_key" ON "CommentAnswer"("questionId");

