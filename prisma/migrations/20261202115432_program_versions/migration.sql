-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "exceptionsVersion" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "programVersion" INTEGER NOT NULL DEFAULT 0;
