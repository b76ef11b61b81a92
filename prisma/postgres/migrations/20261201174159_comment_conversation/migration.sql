-- AlterTable
ALTER TABLE "AnonComment" ADD COLUMN     "answerKey" TEXT;

-- CreateTable
CREATE TABLE "CommentQuestion" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentAnswer" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "CommentAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommentQuestion_commentId_idx" ON "CommentQuestion"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "CommentAnswer_questionId_key" ON "CommentAnswer"("questionId");

-- AddForeignKey
ALTER TABLE "CommentQuestion" ADD CONSTRAINT "CommentQuestion_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "AnonComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentQuestion" ADD CONSTRAINT "CommentQuestion_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentAnswer" ADD CONSTRAINT "CommentAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "CommentQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

