-- CreateTable
CREATE TABLE "ComponentRun" (
    "componentId" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "lastScanId" TEXT NOT NULL,
    "lastTakenAt" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "gitRef" TEXT,
    "pattern" TEXT NOT NULL,
    "pssLevel" TEXT NOT NULL,
    "controls" JSONB NOT NULL,

    CONSTRAINT "ComponentRun_pkey" PRIMARY KEY ("componentId","takenAt","scanId")
);

-- AddForeignKey
ALTER TABLE "ComponentRun" ADD CONSTRAINT "ComponentRun_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;
