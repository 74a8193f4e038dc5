-- CreateEnum
CREATE TYPE "ScanSource" AS ENUM ('rampart', 'upload', 'polaris', 'kube_score', 'kubescape', 'sarif');

-- CreateEnum
CREATE TYPE "ControlStatus" AS ENUM ('pass', 'fail', 'waived', 'na');

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "maturityBaseline" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "maturityTarget" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "config" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "source" "ScanSource" NOT NULL,
    "tool" TEXT NOT NULL,
    "toolVersion" TEXT NOT NULL,
    "gitRef" TEXT,
    "gitCommit" TEXT,
    "message" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "partialEvidence" BOOLEAN NOT NULL DEFAULT false,
    "workloadCount" INTEGER NOT NULL,
    "errorCount" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,
    "objects" JSONB NOT NULL,
    "namespaces" JSONB NOT NULL,
    "errors" JSONB NOT NULL,
    "notes" JSONB NOT NULL,
    "otherFindings" JSONB NOT NULL DEFAULT '[]',
    "files" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Component" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "categoryManual" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Component_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScanWorkload" (
    "scanId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "apiVersion" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "document" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "patternSource" TEXT NOT NULL,
    "pssLevel" TEXT NOT NULL,
    "labels" JSONB NOT NULL,
    "podLabels" JSONB NOT NULL,
    "containers" JSONB NOT NULL,
    "features" JSONB NOT NULL,

    CONSTRAINT "ScanWorkload_pkey" PRIMARY KEY ("scanId","componentId")
);

-- CreateTable
CREATE TABLE "Control" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "remediation" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Control_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlResult" (
    "scanId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "status" "ControlStatus" NOT NULL,
    "message" TEXT NOT NULL,
    "containers" JSONB NOT NULL,
    "exception" JSONB,
    "expiredException" JSONB,

    CONSTRAINT "ControlResult_pkey" PRIMARY KEY ("scanId","componentId","controlId")
);

-- CreateTable
CREATE TABLE "Exception" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT,
    "selectorKind" TEXT,
    "selectorNamespace" TEXT,
    "selectorName" TEXT,
    "controlId" TEXT NOT NULL,
    "justification" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Exception_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Phase" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "number" INTEGER,
    "name" TEXT NOT NULL,
    "goal" TEXT NOT NULL DEFAULT '',
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Phase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Period" (
    "id" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "fromWeek" INTEGER NOT NULL,
    "toWeek" INTEGER NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "goals" TEXT[],
    "keyLearnings" TEXT NOT NULL DEFAULT '',
    "handoffNotes" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,

    CONSTRAINT "Period_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkStream" (
    "id" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "fromWeek" INTEGER NOT NULL,
    "toWeek" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "progress" JSONB NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "WorkStream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "workStreamId" TEXT NOT NULL,
    "key" TEXT,
    "title" TEXT NOT NULL,
    "week" INTEGER NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneBy" TEXT,
    "doneNote" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExitCriterion" (
    "id" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "periodId" TEXT,
    "workStreamId" TEXT,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "rule" JSONB NOT NULL,
    "metAt" TIMESTAMP(3),
    "metBy" TEXT,
    "metNote" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ExitCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "workStreamId" TEXT,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "controlId" TEXT,
    "environment" TEXT NOT NULL,
    "target" INTEGER,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_projectId_name_key" ON "Environment"("projectId", "name");

-- CreateIndex
CREATE INDEX "Scan_environmentId_takenAt_idx" ON "Scan"("environmentId", "takenAt" DESC);

-- CreateIndex
CREATE INDEX "Scan_projectId_takenAt_idx" ON "Scan"("projectId", "takenAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Scan_environmentId_idempotencyKey_key" ON "Scan"("environmentId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "Component_projectId_idx" ON "Component"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Component_environmentId_kind_namespace_name_key" ON "Component"("environmentId", "kind", "namespace", "name");

-- CreateIndex
CREATE INDEX "ScanWorkload_componentId_idx" ON "ScanWorkload"("componentId");

-- CreateIndex
CREATE INDEX "ControlResult_componentId_controlId_idx" ON "ControlResult"("componentId", "controlId");

-- CreateIndex
CREATE INDEX "Exception_projectId_controlId_idx" ON "Exception"("projectId", "controlId");

-- CreateIndex
CREATE UNIQUE INDEX "Phase_projectId_key_key" ON "Phase"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Period_phaseId_key_key" ON "Period"("phaseId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "WorkStream_phaseId_key_key" ON "WorkStream"("phaseId", "key");

-- CreateIndex
CREATE INDEX "Milestone_workStreamId_idx" ON "Milestone"("workStreamId");

-- CreateIndex
CREATE UNIQUE INDEX "ExitCriterion_phaseId_key_key" ON "ExitCriterion"("phaseId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_phaseId_key_key" ON "Metric"("phaseId", "key");

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Component" ADD CONSTRAINT "Component_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Component" ADD CONSTRAINT "Component_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanWorkload" ADD CONSTRAINT "ScanWorkload_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScanWorkload" ADD CONSTRAINT "ScanWorkload_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlResult" ADD CONSTRAINT "ControlResult_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlResult" ADD CONSTRAINT "ControlResult_componentId_fkey" FOREIGN KEY ("componentId") REFERENCES "Component"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlResult" ADD CONSTRAINT "ControlResult_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exception" ADD CONSTRAINT "Exception_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Phase" ADD CONSTRAINT "Phase_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Period" ADD CONSTRAINT "Period_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkStream" ADD CONSTRAINT "WorkStream_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_workStreamId_fkey" FOREIGN KEY ("workStreamId") REFERENCES "WorkStream"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitCriterion" ADD CONSTRAINT "ExitCriterion_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitCriterion" ADD CONSTRAINT "ExitCriterion_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExitCriterion" ADD CONSTRAINT "ExitCriterion_workStreamId_fkey" FOREIGN KEY ("workStreamId") REFERENCES "WorkStream"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Phase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_workStreamId_fkey" FOREIGN KEY ("workStreamId") REFERENCES "WorkStream"("id") ON DELETE SET NULL ON UPDATE CASCADE;
