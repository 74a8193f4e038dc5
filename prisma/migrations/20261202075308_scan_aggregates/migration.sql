-- CreateTable
CREATE TABLE "ScanAggregate" (
    "scanId" TEXT NOT NULL,
    "components" JSONB NOT NULL,

    CONSTRAINT "ScanAggregate_pkey" PRIMARY KEY ("scanId")
);

-- AddForeignKey
ALTER TABLE "ScanAggregate" ADD CONSTRAINT "ScanAggregate_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
