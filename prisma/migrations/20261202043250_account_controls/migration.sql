/*
  Warnings:

  - You are about to drop the `RateLimit` table. All the data in the table will be lost.

*/
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- DropTable
DROP TABLE "RateLimit";

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");
