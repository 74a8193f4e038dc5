-- AlterTable
ALTER TABLE "ScanAggregate" ADD COLUMN     "resources" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "ScanResource" (
    "scanId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "document" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "labels" JSONB NOT NULL,

    CONSTRAINT "ScanResource_pkey" PRIMARY KEY ("scanId","componentId")
);

-- CreateIndex
CREATE INDEX "ScanResource_componentId_idx" ON "ScanResource"("componentId");

-- AddForeignKey
ALTER TABLE "ScanResource" ADD CONSTRAINT "ScanResource_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanResource" ADD CONSTRAINT "ScanResource_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;
