-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('manifest', 'cluster');

-- AlterEnum
ALTER TYPE "ScanSource" ADD VALUE 'policyreport';

-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "evidence" "EvidenceKind" NOT NULL DEFAULT 'manifest';

-- CreateTable
CREATE TABLE "ProgramPolicy" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProgramPolicy_projectId_name_key" ON "ProgramPolicy"("projectId", "name");

-- AddForeignKey
ALTER TABLE "ProgramPolicy" ADD CONSTRAINT "ProgramPolicy_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
