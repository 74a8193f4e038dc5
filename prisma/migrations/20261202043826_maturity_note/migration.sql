-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "maturityNote" TEXT NOT NULL DEFAULT '';
