-- AlterTable
ALTER TABLE "Scan" ADD COLUMN     "policies" JSONB NOT NULL DEFAULT '[]';
