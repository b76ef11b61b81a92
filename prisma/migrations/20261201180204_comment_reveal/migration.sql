-- CreateTable
CREATE TABLE "CommentReveal" (
    "commentId" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    CONSTRAINT "CommentReveal_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "AnonComment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CommentReveal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CommentReveal_userId_idx" ON "CommentReveal"("userId");

