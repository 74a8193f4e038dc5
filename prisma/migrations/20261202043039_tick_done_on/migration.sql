-- AlterTable
ALTER TABLE "ExitCriterion" ADD COLUMN     "metOn" DATE;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "doneOn" DATE;

-- Ticks recorded before done-on existed count the day they were recorded (timestamps are stored in UTC).
UPDATE "Milestone" SET "doneOn" = "doneAt"::date WHERE "doneAt" IS NOT NULL;
UPDATE "ExitCriterion" SET "metOn" = "metAt"::date WHERE "metAt" IS NOT NULL;
