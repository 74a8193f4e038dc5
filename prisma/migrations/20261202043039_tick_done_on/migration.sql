-- AlterTable
ALTER TABLE "ExitCriterion" ADD COLUMN     "metOn" DATE;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "doneOn" DATE;

-- Ticks recorded before done-on existed count the day they were recorded.
UPDATE "Milestone" SET "doneOn" = ("doneAt" AT TIME ZONE 'UTC')::date WHERE "doneAt" IS NOT NULL;
UPDATE "ExitCriterion" SET "metOn" = ("metAt" AT TIME ZONE 'UTC')::date WHERE "metAt" IS NOT NULL;
