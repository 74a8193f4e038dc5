/**
 * Authoring aid for the Maestro demo snapshots.
 *
 * The demo's manifests were written once from the Phase 2 session summary and are kept here as data so
 * that the four snapshots stay consistent with each other (a snapshot is a full copy of the Maestro repo's
 * manifest tree at one point in time). The committed YAML under `snapshots/` is the source of truth that
 * Rampart scans; re-run this script only when you change the demo story:
 *
 *   npx tsx examples/maestro/tools/generate-snapshots.ts
 *
 * Nothing here computes a figure for the report: the scanner derives every number from the YAML.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

type Stage = 1 | 2 | 3 | 4;
type Obj = Record<string, unknown>;
type Pattern = "app-readonly" | "stateful" | "app-writable" | "node-agent";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "snapshots");

const SNAPSHOT_DIRS: Record<Stage, string> = {
  1: "01-baseline",
  2: "02-week1-complete",
  3: "03-network-policies-pdbs",
  4: "04-phase2-final",
};

// ---------------------------------------------------------------------------------------------------------
// Building blocks

function res(cpuReq: string, memReq: string, cpuLim: string, memLim: string): Obj {
  return { requests: { cpu: cpuReq, memory: memReq }, limits: { cpu: cpuLim, memory: memLim } };
}

interface Meta {
  name: string;
  namespace: string;
  partOf: string;
  component: string;
  version: string;
  instance?: string;
}

function labels(m: Meta): Obj {
  return {
    "app.kubernetes.io/name": m.name,
    "app.kubernetes.io/instance": m.instance ?? m.partOf,
    "app.kubernetes.io/component": m.component,
    "app.kubernetes.io/part-of": m.partOf,
    "app.kubernetes.io/version": m.version,
    "app.kubernetes.io/managed-by": "kustomize",
  };
}

function selectorLabels(m: Meta): Obj {
  return { "app.kubernetes.io/name": m.name, "app.kubernetes.io/instance": m.instance ?? m.partOf };
}

interface Hardening {
  uid: number;
  gid: number;
  fsGroup?: number;
  pattern: Pattern;
}

interface WorkloadSpec {
  kind: "Deployment" | "StatefulSet" | "DaemonSet";
  meta: Meta;
  replicas?: number;
  annotations?: Obj;
  podAnnotations?: Obj;
  serviceAccountName?: string;
  containers: Obj[];
  initContainers?: Obj[];
  volumes?: Obj[];
  volumeClaimTemplates?: Obj[];
  extraPodSpec?: Obj;
  /** undefined = not hardened in this snapshot */
  hardening?: Hardening;
  /** container names (main or init) that do NOT get a container securityContext (regressions) */
  skipContainerSecurity?: string[];
  /** override readOnlyRootFilesystem for the main container (regressions) */
  readOnlyOverride?: boolean;
  /** false = the pod template lacks app.kubernetes.io/part-of (the demo's required-labels policy fails it) */
  podPartOf?: boolean;
}

function podSecurity(h: Hardening): Obj {
  if (h.pattern === "node-agent") {
    return {
      runAsNonRoot: false,
      runAsUser: 0,
      runAsGroup: 0,
      seccompProfile: { type: "RuntimeDefault" },
    };
  }
  return {
    runAsNonRoot: true,
    runAsUser: h.uid,
    runAsGroup: h.gid,
    fsGroup: h.fsGroup ?? h.gid,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

function containerSecurity(h: Hardening, readOnly: boolean): Obj {
  const sc: Obj = { allowPrivilegeEscalation: false };
  if (readOnly) sc.readOnlyRootFilesystem = true;
  sc.capabilities = h.pattern === "node-agent" ? { drop: ["ALL"], add: ["DAC_READ_SEARCH"] } : { drop: ["ALL"] };
  return sc;
}

/** Insert securityContext right after `image` / `imagePullPolicy` so the YAML reads naturally. */
function withSecurity(container: Obj, sc: Obj): Obj {
  const out: Obj = {};
  let inserted = false;
  for (const [k, v] of Object.entries(container)) {
    out[k] = v;
    if (!inserted && (k === "imagePullPolicy" || (k === "image" && !("imagePullPolicy" in container)))) {
      out.securityContext = sc;
      inserted = true;
    }
  }
  if (!inserted) out.securityContext = sc;
  return out;
}

const TMP_VOLUMES = [
  { name: "tmp", emptyDir: {} },
  { name: "cache", emptyDir: {} },
];
const TMP_MOUNTS = [
  { name: "tmp", mountPath: "/tmp" },
  { name: "cache", mountPath: "/.cache" },
];

function workload(w: WorkloadSpec): Obj {
  const h = w.hardening;
  const readOnlyApp = h?.pattern === "app-readonly" || h?.pattern === "node-agent";
  const containers = w.containers.map((c, i) => {
    let out = { ...c };
    if (h && h.pattern === "app-readonly") {
      const mounts = [...((out.volumeMounts as Obj[] | undefined) ?? []), ...TMP_MOUNTS];
      out.volumeMounts = mounts;
    }
    if (h && !w.skipContainerSecurity?.includes(String(c.name))) {
      const ro = i === 0 && w.readOnlyOverride !== undefined ? w.readOnlyOverride : readOnlyApp;
      const sc = containerSecurity(h, ro);
      if (i === 0 && w.readOnlyOverride === false) {
        // keep the key so the regression shows up as an explicit change in review
        const { capabilities, ...rest } = sc;
        Object.assign(rest, { readOnlyRootFilesystem: false, capabilities });
        out = withSecurity(out, rest);
      } else {
        out = withSecurity(out, sc);
      }
    }
    return out;
  });
  const initContainers = w.initContainers?.map((c) => {
    if (h && !w.skipContainerSecurity?.includes(String(c.name))) {
      // Init containers get their own container-level context ("often overlooked"); in read-only
      // application pods they are read-only too.
      return withSecurity(c, containerSecurity({ ...h, pattern: "app-writable" }, h.pattern === "app-readonly"));
    }
    return c;
  });
  const volumes = [...(w.volumes ?? []), ...(h?.pattern === "app-readonly" ? TMP_VOLUMES : [])];

  const podSpec: Obj = {};
  if (w.serviceAccountName) podSpec.serviceAccountName = w.serviceAccountName;
  if (h) podSpec.securityContext = podSecurity(h);
  if (initContainers?.length) podSpec.initContainers = initContainers;
  podSpec.containers = containers;
  if (volumes.length) podSpec.volumes = volumes;
  Object.assign(podSpec, w.extraPodSpec ?? {});

  const podLabels = labels(w.meta);
  if (w.podPartOf === false) delete podLabels["app.kubernetes.io/part-of"];
  const template: Obj = {
    metadata: {
      labels: podLabels,
      ...(w.podAnnotations ? { annotations: w.podAnnotations } : {}),
    },
    spec: podSpec,
  };
  const spec: Obj = {};
  if (w.kind !== "DaemonSet") spec.replicas = w.replicas ?? 1;
  if (w.kind === "StatefulSet") spec.serviceName = `${w.meta.name}-headless`;
  spec.selector = { matchLabels: selectorLabels(w.meta) };
  if (w.kind === "Deployment") {
    spec.strategy = { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
  }
  if (w.kind === "DaemonSet") spec.updateStrategy = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1 } };
  spec.template = template;
  if (w.volumeClaimTemplates) spec.volumeClaimTemplates = w.volumeClaimTemplates;

  return {
    apiVersion: "apps/v1",
    kind: w.kind,
    metadata: {
      name: w.meta.name,
      namespace: w.meta.namespace,
      labels: labels(w.meta),
      ...(w.annotations ? { annotations: w.annotations } : {}),
    },
    spec,
  };
}

function pvcTemplate(name: string, size: string, storageClassName = "gp3"): Obj {
  return {
    metadata: { name },
    spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: size } } },
  };
}

function service(m: Meta, ports: Obj[], opts: { headless?: boolean; name?: string } = {}): Obj {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: opts.name ?? m.name, namespace: m.namespace, labels: labels(m) },
    spec: {
      ...(opts.headless ? { clusterIP: "None" } : { type: "ClusterIP" }),
      selector: selectorLabels(m),
      ports,
    },
  };
}

function namespace(name: string, partOf: string, stage: Stage, enforce = "restricted"): Obj {
  const l: Obj = { "app.kubernetes.io/part-of": partOf, "kubernetes.io/metadata.name": name };
  if (stage >= 2) {
    l["pod-security.kubernetes.io/audit"] = "restricted";
    l["pod-security.kubernetes.io/warn"] = "restricted";
  }
  if (stage >= 4) l["pod-security.kubernetes.io/enforce"] = enforce;
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: l } };
}

function httpProbe(path: string, port: string | number, initialDelaySeconds = 10, periodSeconds = 10): Obj {
  return { httpGet: { path, port }, initialDelaySeconds, periodSeconds, timeoutSeconds: 3, failureThreshold: 3 };
}

function execProbe(command: string[], initialDelaySeconds = 10, periodSeconds = 10): Obj {
  return { exec: { command }, initialDelaySeconds, periodSeconds, timeoutSeconds: 5, failureThreshold: 3 };
}

function secretEnv(name: string, secret: string, key: string): Obj {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

interface Doc {
  comment?: string;
  body: Obj;
}

function renderFile(header: string, docs: Doc[]): string {
  const parts = docs.map((d) => {
    const text = YAML.stringify(d.body, { lineWidth: 0 });
    return d.comment ? `${d.comment.replace(/^/gm, "# ")}\n${text}` : text;
  });
  return `${header.replace(/^/gm, "# ")}\n${parts.join("---\n")}`;
}

// ---------------------------------------------------------------------------------------------------------
// Which components were hardened before the Phase 2 session started (12 of the 19 that can run as
// non-root; the session summary calls this "63%"). Everything else is hardened during Week 1.

const HARDENED_AT_BASELINE = new Set([
  "maestro-api",
  "maestro-worker",
  "mlflow-server",
  "feast-redis",
  "feast-feature-server",
  "airflow-postgresql",
  "airflow-webserver",
  "airflow-scheduler",
  "airflow-worker",
  "harbor-database",
  "harbor-redis",
  "harbor-core",
]);

/**
 * The team's own policies (examples/maestro/policies): pod templates gain app.kubernetes.io/part-of during Week 1
 * (the maestro and feast ones with the 1.5.0 release), and images move to the Harbor mirror with that release
 * (deployment.yaml, feast-deployment.yaml) and everywhere by the end of the phase.
 */
const POD_PART_OF_MISSING: Record<Stage, ReadonlySet<string>> = {
  1: new Set(["maestro-api", "maestro-worker", "feast-feature-server", "airflow-worker", "training-operator"]),
  2: new Set(["maestro-api", "maestro-worker", "feast-feature-server"]),
  3: new Set(),
  4: new Set(),
};

function hasPodPartOf(stage: Stage, name: string): boolean {
  return !POD_PART_OF_MISSING[stage].has(name);
}

const HARBOR = "harbor.maestro.internal";

function fromHarbor(stage: Stage, file: string): boolean {
  return stage >= 4 || (stage === 3 && ["deployment.yaml", "feast-deployment.yaml"].includes(file));
}

/** `image: X` through the Harbor mirror: ghcr.io/… → HARBOR/ghcr/…, Docker Hub → HARBOR/dockerhub/[library/]…. */
function mirrorImages(text: string): string {
  return text.replace(/(\n\s+image: )(\S+)/g, (_, prefix: string, image: string) => {
    if (image.startsWith(`${HARBOR}/`)) return prefix + image;
    if (image.startsWith("ghcr.io/")) return `${prefix}${HARBOR}/ghcr/${image.slice("ghcr.io/".length)}`;
    return `${prefix}${HARBOR}/dockerhub/${image.includes("/") ? "" : "library/"}${image}`;
  });
}

function hardenIf(stage: Stage, name: string, h: Hardening): Hardening | undefined {
  return stage >= 2 || HARDENED_AT_BASELINE.has(name) ? h : undefined;
}

const PATTERN_1_HEADER = "Pattern 1: application pod, read-only root FS, tmp/cache emptyDir volumes";
const PATTERN_2_HEADER = "Pattern 2: StatefulSet with data PVC, no readOnlyRootFilesystem";
const PATTERN_3_HEADER = "Pattern 3: package-install application (pip install at start-up), writable root FS";

function patternComment(stage: Stage, name: string, header: string): string | undefined {
  return hardenIf(stage, name, { uid: 0, gid: 0, pattern: "stateful" }) ? header : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/deployment.yaml — Core Platform

function coreDeployment(stage: Stage): string {
  const api: Meta = {
    name: "maestro-api",
    namespace: "maestro",
    partOf: "maestro",
    component: "api",
    version: stage >= 3 ? "1.5.0" : "1.4.2",
  };
  const worker: Meta = { ...api, name: "maestro-worker", component: "worker" };
  const image = `ghcr.io/maestro-ml/maestro-api:${api.version}`;
  const commonEnv = [
    { name: "MAESTRO_ENV", value: "production" },
    { name: "LOG_LEVEL", value: "info" },
    secretEnv("DATABASE_URL", "maestro-database", "url"),
    { name: "MLFLOW_TRACKING_URI", value: "http://mlflow-server.mlflow.svc.cluster.local:5000" },
    { name: "FEAST_FEATURE_SERVER_URL", value: "http://feast-feature-server.feast.svc.cluster.local:6566" },
    { name: "AIRFLOW_API_URL", value: "http://airflow-webserver.airflow.svc.cluster.local:8080/api/v1" },
  ];
  const h: Hardening = { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "app-readonly" };

  // Regression in snapshot 03: release 1.5.0 added a migration-wait init container without a
  // securityContext ("init containers need individual security contexts (often overlooked)").
  const workerInit: Obj[] =
    stage >= 3
      ? [
          {
            name: "wait-for-migrations",
            image,
            imagePullPolicy: "IfNotPresent",
            command: ["python", "-m", "maestro.db", "wait-for-migrations", "--timeout", "300"],
            env: [secretEnv("DATABASE_URL", "maestro-database", "url")],
            resources: res("50m", "64Mi", "200m", "256Mi"),
          },
        ]
      : [];

  const docs: Doc[] = [
    { body: namespace("maestro", "maestro", stage) },
    {
      comment: patternComment(stage, "maestro-api", PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: api,
        replicas: 3,
        podAnnotations: { "prometheus.io/scrape": "true", "prometheus.io/port": "8000" },
        serviceAccountName: "maestro-api",
        hardening: hardenIf(stage, "maestro-api", h),
        podPartOf: hasPodPartOf(stage, "maestro-api"),
        containers: [
          {
            name: "api",
            image,
            imagePullPolicy: "IfNotPresent",
            args: ["uvicorn", "maestro.api.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"],
            ports: [{ name: "http", containerPort: 8000, protocol: "TCP" }],
            env: commonEnv,
            resources: res("250m", "512Mi", "1", "1Gi"),
            livenessProbe: httpProbe("/healthz", "http", 15, 20),
            readinessProbe: httpProbe("/readyz", "http", 5, 10),
          },
        ],
      }),
    },
    {
      body: service(api, [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }]),
    },
    {
      comment: patternComment(stage, "maestro-worker", PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: worker,
        replicas: 2,
        serviceAccountName: "maestro-worker",
        hardening: hardenIf(stage, "maestro-worker", h),
        podPartOf: hasPodPartOf(stage, "maestro-worker"),
        skipContainerSecurity: stage === 3 ? ["wait-for-migrations"] : [],
        initContainers: workerInit,
        containers: [
          {
            name: "worker",
            image,
            imagePullPolicy: "IfNotPresent",
            command: ["python", "-m", "maestro.worker"],
            args: ["--concurrency", "4", "--queues", "training,evaluation,default"],
            env: [...commonEnv, { name: "WORKER_HEARTBEAT_FILE", value: "/tmp/worker-heartbeat" }],
            resources: res("500m", "1Gi", "2", "4Gi"),
            livenessProbe: execProbe(["python", "-m", "maestro.worker", "healthcheck"], 30, 30),
          },
        ],
      }),
    },
  ];
  return renderFile(
    "Maestro core platform: API and background worker.\nApplied with: kubectl apply -f infrastructure/kubernetes/deployment.yaml",
    docs,
  );
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/mlflow-deployment.yaml

function mlflowDeployment(stage: Stage): string {
  const m: Meta = { name: "mlflow-server", namespace: "mlflow", partOf: "mlflow", component: "tracking-server", version: "2.16.2" };
  const docs: Doc[] = [
    { body: namespace("mlflow", "mlflow", stage) },
    {
      body: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "mlflow-artifacts", namespace: "mlflow", labels: labels(m) },
        spec: { accessModes: ["ReadWriteMany"], storageClassName: "efs-sc", resources: { requests: { storage: "100Gi" } } },
      },
    },
    {
      comment: patternComment(stage, m.name, `${PATTERN_1_HEADER} (+ artifacts PVC)`),
      body: workload({
        kind: "Deployment",
        meta: m,
        replicas: 2,
        hardening: hardenIf(stage, m.name, { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "app-readonly" }),
        containers: [
          {
            name: "mlflow",
            image: "ghcr.io/mlflow/mlflow:v2.16.2",
            imagePullPolicy: "IfNotPresent",
            command: ["mlflow", "server"],
            args: [
              "--host=0.0.0.0",
              "--port=5000",
              "--backend-store-uri=$(MLFLOW_BACKEND_STORE_URI)",
              "--artifacts-destination=/mlflow/artifacts",
              "--serve-artifacts",
              "--workers=4",
            ],
            ports: [{ name: "http", containerPort: 5000, protocol: "TCP" }],
            env: [secretEnv("MLFLOW_BACKEND_STORE_URI", "mlflow-database", "uri")],
            volumeMounts: [{ name: "artifacts", mountPath: "/mlflow" }],
            resources: res("250m", "512Mi", "1", "2Gi"),
            livenessProbe: httpProbe("/health", "http", 30, 20),
            readinessProbe: httpProbe("/health", "http", 10, 10),
          },
        ],
        volumes: [{ name: "artifacts", persistentVolumeClaim: { claimName: "mlflow-artifacts" } }],
      }),
    },
    { body: service(m, [{ name: "http", port: 5000, targetPort: "http", protocol: "TCP" }]) },
  ];
  return renderFile("MLflow tracking server (experiments, model registry, artifact proxy).", docs);
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/feast-deployment.yaml — Feature Store

function feastDeployment(stage: Stage): string {
  const redis: Meta = { name: "feast-redis", namespace: "feast", partOf: "feast", component: "online-store", version: "7.2.5" };
  const server: Meta = { name: "feast-feature-server", namespace: "feast", partOf: "feast", component: "feature-server", version: "0.40.1" };
  // Regression in snapshot 03: readOnlyRootFilesystem switched off while debugging registry refreshes.
  const serverReadOnly = stage === 3 ? false : undefined;
  const docs: Doc[] = [
    { body: namespace("feast", "feast", stage) },
    { body: service(redis, [{ name: "redis", port: 6379, targetPort: "redis" }], { headless: true, name: "feast-redis-headless" }) },
    { body: service(redis, [{ name: "redis", port: 6379, targetPort: "redis" }]) },
    {
      comment: patternComment(stage, redis.name, PATTERN_2_HEADER),
      body: workload({
        kind: "StatefulSet",
        meta: redis,
        replicas: 3,
        hardening: hardenIf(stage, redis.name, { uid: 999, gid: 999, fsGroup: 999, pattern: "stateful" }),
        containers: [
          {
            name: "redis",
            image: "redis:7.2.5-alpine",
            imagePullPolicy: "IfNotPresent",
            command: ["redis-server"],
            args: ["--appendonly", "yes", "--maxmemory", "1536mb", "--maxmemory-policy", "allkeys-lru", "--requirepass", "$(REDIS_PASSWORD)"],
            ports: [{ name: "redis", containerPort: 6379, protocol: "TCP" }],
            env: [secretEnv("REDIS_PASSWORD", "feast-redis", "password")],
            volumeMounts: [{ name: "data", mountPath: "/data" }],
            resources: res("250m", "1Gi", "1", "2Gi"),
            livenessProbe: execProbe(["sh", "-c", 'redis-cli -a "$REDIS_PASSWORD" ping'], 15, 15),
            readinessProbe: execProbe(["sh", "-c", 'redis-cli -a "$REDIS_PASSWORD" ping'], 5, 10),
          },
        ],
        volumeClaimTemplates: [pvcTemplate("data", "20Gi")],
      }),
    },
    {
      comment: patternComment(stage, server.name, PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: server,
        replicas: 2,
        hardening: hardenIf(stage, server.name, { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "app-readonly" }),
        podPartOf: hasPodPartOf(stage, server.name),
        readOnlyOverride: serverReadOnly,
        containers: [
          {
            name: "feature-server",
            image: "feastdev/feature-server:0.40.1",
            imagePullPolicy: "IfNotPresent",
            command: ["feast", "serve"],
            args: ["--host", "0.0.0.0", "--port", "6566", "--workers", "2"],
            workingDir: "/feature_repo",
            ports: [{ name: "http", containerPort: 6566, protocol: "TCP" }],
            env: [
              { name: "FEAST_USAGE", value: "False" },
              { name: "FEAST_ONLINE_STORE_HOST", value: "feast-redis.feast.svc.cluster.local:6379" },
              secretEnv("FEAST_REDIS_PASSWORD", "feast-redis", "password"),
            ],
            volumeMounts: [{ name: "feature-repo", mountPath: "/feature_repo", readOnly: true }],
            resources: res("250m", "512Mi", "1", "1Gi"),
            livenessProbe: httpProbe("/health", "http", 20, 20),
            readinessProbe: httpProbe("/health", "http", 5, 10),
          },
        ],
        volumes: [{ name: "feature-repo", configMap: { name: "feast-feature-repo" } }],
      }),
    },
    { body: service(server, [{ name: "http", port: 6566, targetPort: "http", protocol: "TCP" }]) },
  ];
  return renderFile("Feast feature store: Redis online store + feature server.", docs);
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/airflow-deployment.yaml — Workflow Orchestration

function airflowDeployment(stage: Stage): string {
  const version = stage >= 4 ? "2.10.3" : "2.10.2";
  const image = `apache/airflow:${version}-python3.11`;
  const pg: Meta = { name: "airflow-postgresql", namespace: "airflow", partOf: "airflow", component: "database", version: "16.4" };
  const mk = (name: string, component: string): Meta => ({ name, namespace: "airflow", partOf: "airflow", component, version });
  const web = mk("airflow-webserver", "webserver");
  const sched = mk("airflow-scheduler", "scheduler");
  const worker = mk("airflow-worker", "worker");
  const h: Hardening = { uid: 50000, gid: 0, fsGroup: 0, pattern: "app-writable" };
  const annotations = {
    "rampart.io/pattern": "app-writable",
    "rampart.io/pattern-reason": "_PIP_ADDITIONAL_REQUIREMENTS installs providers into the image at start-up",
  };
  const env = [
    { name: "AIRFLOW__CORE__EXECUTOR", value: "CeleryExecutor" },
    { name: "AIRFLOW__CORE__LOAD_EXAMPLES", value: "False" },
    secretEnv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "airflow-database", "connection"),
    secretEnv("AIRFLOW__CELERY__BROKER_URL", "airflow-database", "broker-url"),
    secretEnv("AIRFLOW__CELERY__RESULT_BACKEND", "airflow-database", "result-backend"),
    secretEnv("AIRFLOW__WEBSERVER__SECRET_KEY", "airflow-webserver", "secret-key"),
    { name: "AIRFLOW__LOGGING__REMOTE_LOGGING", value: "False" },
    {
      name: "_PIP_ADDITIONAL_REQUIREMENTS",
      value: "apache-airflow-providers-cncf-kubernetes==8.4.2 mlflow==2.16.2 feast[redis]==0.40.1",
    },
  ];
  const waitForDb: Obj = {
    name: "wait-for-postgresql",
    image: "postgres:16.4-alpine",
    imagePullPolicy: "IfNotPresent",
    command: ["sh", "-c", "until pg_isready -h airflow-postgresql -p 5432 -U airflow; do sleep 2; done"],
    resources: res("10m", "16Mi", "100m", "64Mi"),
  };
  const checkMigrations: Obj = {
    name: "wait-for-migrations",
    image,
    imagePullPolicy: "IfNotPresent",
    args: ["airflow", "db", "check-migrations", "--migration-wait-timeout=300"],
    env,
    resources: res("100m", "256Mi", "500m", "512Mi"),
  };
  const dags = { name: "dags", mountPath: "/opt/airflow/dags", readOnly: true };
  const dagVolume = { name: "dags", persistentVolumeClaim: { claimName: "airflow-dags", readOnly: true } };

  const docs: Doc[] = [
    { body: namespace("airflow", "airflow", stage) },
    {
      body: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "airflow-dags", namespace: "airflow", labels: labels(mk("airflow-dags", "dags")) },
        spec: { accessModes: ["ReadWriteMany"], storageClassName: "efs-sc", resources: { requests: { storage: "5Gi" } } },
      },
    },
    { body: service(pg, [{ name: "postgresql", port: 5432, targetPort: "postgresql" }]) },
    { body: service(pg, [{ name: "postgresql", port: 5432, targetPort: "postgresql" }], { headless: true, name: "airflow-postgresql-headless" }) },
    {
      comment: patternComment(stage, pg.name, PATTERN_2_HEADER),
      body: workload({
        kind: "StatefulSet",
        meta: pg,
        replicas: 1,
        hardening: hardenIf(stage, pg.name, { uid: 70, gid: 70, fsGroup: 70, pattern: "stateful" }),
        containers: [
          {
            name: "postgresql",
            image: "postgres:16.4-alpine",
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "postgresql", containerPort: 5432, protocol: "TCP" }],
            env: [
              { name: "POSTGRES_DB", value: "airflow" },
              { name: "POSTGRES_USER", value: "airflow" },
              secretEnv("POSTGRES_PASSWORD", "airflow-database", "password"),
              { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
            ],
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
            resources: res("250m", "512Mi", "1", "2Gi"),
            livenessProbe: execProbe(["pg_isready", "-U", "airflow", "-d", "airflow"], 30, 10),
            readinessProbe: execProbe(["pg_isready", "-U", "airflow", "-d", "airflow"], 5, 5),
          },
        ],
        volumeClaimTemplates: [pvcTemplate("data", "20Gi")],
      }),
    },
    {
      comment: patternComment(stage, web.name, PATTERN_3_HEADER),
      body: workload({
        kind: "Deployment",
        meta: web,
        replicas: 2,
        annotations,
        serviceAccountName: "airflow",
        hardening: hardenIf(stage, web.name, h),
        initContainers: [
          waitForDb,
          {
            name: "run-migrations",
            image,
            imagePullPolicy: "IfNotPresent",
            args: ["airflow", "db", "migrate"],
            env,
            resources: res("100m", "256Mi", "500m", "1Gi"),
          },
        ],
        containers: [
          {
            name: "webserver",
            image,
            imagePullPolicy: "IfNotPresent",
            args: ["webserver"],
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            env,
            volumeMounts: [dags],
            resources: res("500m", "1Gi", "1", "2Gi"),
            livenessProbe: httpProbe("/health", "http", 60, 20),
            readinessProbe: httpProbe("/health", "http", 30, 10),
          },
        ],
        volumes: [dagVolume],
      }),
    },
    { body: service(web, [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }]) },
    {
      comment: patternComment(stage, sched.name, PATTERN_3_HEADER),
      body: workload({
        kind: "Deployment",
        meta: sched,
        replicas: 2,
        annotations,
        serviceAccountName: "airflow",
        hardening: hardenIf(stage, sched.name, h),
        initContainers: [waitForDb, checkMigrations],
        containers: [
          {
            name: "scheduler",
            image,
            imagePullPolicy: "IfNotPresent",
            args: ["scheduler"],
            env,
            volumeMounts: [dags],
            resources: res("500m", "1Gi", "2", "2Gi"),
            livenessProbe: execProbe(["airflow", "jobs", "check", "--job-type", "SchedulerJob", "--local"], 60, 60),
          },
        ],
        volumes: [dagVolume],
      }),
    },
    {
      comment: patternComment(stage, worker.name, PATTERN_3_HEADER),
      body: workload({
        kind: "Deployment",
        meta: worker,
        replicas: 3,
        annotations,
        serviceAccountName: "airflow",
        hardening: hardenIf(stage, worker.name, h),
        podPartOf: hasPodPartOf(stage, worker.name),
        initContainers: [waitForDb, checkMigrations],
        containers: [
          {
            name: "worker",
            image,
            imagePullPolicy: "IfNotPresent",
            args: ["celery", "worker"],
            ports: [{ name: "worker-logs", containerPort: 8793, protocol: "TCP" }],
            env,
            volumeMounts: [dags],
            resources: res("1", "2Gi", "2", "4Gi"),
            livenessProbe: execProbe(
              ["sh", "-c", "celery --app airflow.providers.celery.executors.celery_executor.app inspect ping -d celery@$HOSTNAME"],
              60,
              60,
            ),
          },
        ],
        volumes: [dagVolume],
      }),
    },
  ];
  return renderFile("Apache Airflow (CeleryExecutor) with its PostgreSQL metadata database.", docs);
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/container-registry.yaml — Container Registry

function registryDeployment(stage: Stage): string {
  const hv = "2.11.1";
  const mk = (name: string, component: string, partOf = "harbor", version = hv): Meta => ({
    name,
    namespace: "registry",
    partOf,
    component,
    version,
    instance: partOf === "harbor" ? "harbor" : name,
  });
  const db = mk("harbor-database", "database", "harbor", "15.8");
  const redis = mk("harbor-redis", "redis");
  const core = mk("harbor-core", "core");
  const jobs = mk("harbor-jobservice", "jobservice");
  const reg = mk("harbor-registry", "registry");
  const portal = mk("harbor-portal", "portal");
  const dockerReg = mk("docker-registry", "registry", "docker-registry", "2.8.3");
  const ui = mk("registry-ui", "ui", "docker-registry", "2.5.7");
  const app: Hardening = { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "app-readonly" };
  const coreUrl = { name: "CORE_URL", value: "http://harbor-core:8080" };

  const docs: Doc[] = [
    { body: namespace("registry", "container-registry", stage) },
    // --- harbor-database
    { body: service(db, [{ name: "postgresql", port: 5432, targetPort: "postgresql" }]) },
    {
      comment: patternComment(stage, db.name, `${PATTERN_2_HEADER} (PostgreSQL, UID 70)`),
      body: workload({
        kind: "StatefulSet",
        meta: db,
        hardening: hardenIf(stage, db.name, { uid: 70, gid: 70, fsGroup: 70, pattern: "stateful" }),
        containers: [
          {
            name: "database",
            image: "postgres:15.8-alpine",
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "postgresql", containerPort: 5432, protocol: "TCP" }],
            env: [
              { name: "POSTGRES_DB", value: "registry" },
              { name: "POSTGRES_USER", value: "harbor" },
              secretEnv("POSTGRES_PASSWORD", "harbor-database", "password"),
              { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
            ],
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
            resources: res("200m", "512Mi", "1", "1Gi"),
            livenessProbe: execProbe(["pg_isready", "-U", "harbor", "-d", "registry"], 30, 10),
            readinessProbe: execProbe(["pg_isready", "-U", "harbor", "-d", "registry"], 5, 5),
          },
        ],
        volumeClaimTemplates: [pvcTemplate("data", "20Gi")],
      }),
    },
    // --- harbor-redis
    { body: service(redis, [{ name: "redis", port: 6379, targetPort: "redis" }]) },
    {
      comment: patternComment(stage, redis.name, `${PATTERN_2_HEADER} (Redis, UID 999)`),
      body: workload({
        kind: "StatefulSet",
        meta: redis,
        hardening: hardenIf(stage, redis.name, { uid: 999, gid: 999, fsGroup: 999, pattern: "stateful" }),
        containers: [
          {
            name: "redis",
            image: `goharbor/redis-photon:v${hv}`,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "redis", containerPort: 6379, protocol: "TCP" }],
            volumeMounts: [{ name: "data", mountPath: "/var/lib/redis" }],
            resources: res("100m", "256Mi", "500m", "512Mi"),
            livenessProbe: { tcpSocket: { port: "redis" }, initialDelaySeconds: 15, periodSeconds: 10 },
            readinessProbe: { tcpSocket: { port: "redis" }, initialDelaySeconds: 5, periodSeconds: 10 },
          },
        ],
        volumeClaimTemplates: [pvcTemplate("data", "5Gi")],
      }),
    },
    // --- harbor-core
    { body: service(core, [{ name: "http", port: 8080, targetPort: "http" }]) },
    {
      comment: patternComment(stage, core.name, PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: core,
        replicas: 2,
        hardening: hardenIf(stage, core.name, app),
        containers: [
          {
            name: "core",
            image: `goharbor/harbor-core:v${hv}`,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            envFrom: [{ configMapRef: { name: "harbor-core" } }, { secretRef: { name: "harbor-core" } }],
            volumeMounts: [{ name: "config", mountPath: "/etc/core/app.conf", subPath: "app.conf" }],
            resources: res("200m", "256Mi", "1", "1Gi"),
            livenessProbe: httpProbe("/api/v2.0/ping", "http", 30, 10),
            readinessProbe: httpProbe("/api/v2.0/ping", "http", 10, 10),
          },
        ],
        volumes: [{ name: "config", configMap: { name: "harbor-core" } }],
      }),
    },
    // --- harbor-jobservice (20th production component, see examples/maestro/README.md)
    { body: service(jobs, [{ name: "http", port: 8080, targetPort: "http" }]) },
    {
      body: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: "harbor-jobservice-logs", namespace: "registry", labels: labels(jobs) },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName: "gp3", resources: { requests: { storage: "1Gi" } } },
      },
    },
    {
      comment: patternComment(stage, jobs.name, `${PATTERN_1_HEADER} (+ job-logs PVC)`),
      body: workload({
        kind: "Deployment",
        meta: jobs,
        replicas: 1,
        hardening: hardenIf(stage, jobs.name, app),
        containers: [
          {
            name: "jobservice",
            image: `goharbor/harbor-jobservice:v${hv}`,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            env: [coreUrl, secretEnv("CORE_SECRET", "harbor-core", "secret"), secretEnv("JOBSERVICE_SECRET", "harbor-jobservice", "secret")],
            volumeMounts: [
              { name: "config", mountPath: "/etc/jobservice/config.yml", subPath: "config.yml" },
              { name: "job-logs", mountPath: "/var/log/jobs" },
            ],
            resources: res("100m", "256Mi", "500m", "512Mi"),
            livenessProbe: httpProbe("/api/v1/stats", "http", 20, 10),
            readinessProbe: httpProbe("/api/v1/stats", "http", 20, 10),
          },
        ],
        volumes: [
          { name: "config", configMap: { name: "harbor-jobservice" } },
          { name: "job-logs", persistentVolumeClaim: { claimName: "harbor-jobservice-logs" } },
        ],
      }),
    },
    // --- harbor-registry
    { body: service(reg, [{ name: "registry", port: 5000, targetPort: "registry" }]) },
    {
      comment: patternComment(stage, reg.name, `${PATTERN_2_HEADER} (image storage)`),
      body: workload({
        kind: "StatefulSet",
        meta: reg,
        hardening: hardenIf(stage, reg.name, { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "stateful" }),
        containers: [
          {
            name: "registry",
            image: `goharbor/registry-photon:v${hv}`,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "registry", containerPort: 5000, protocol: "TCP" }],
            volumeMounts: [
              { name: "data", mountPath: "/storage" },
              { name: "config", mountPath: "/etc/registry/config.yml", subPath: "config.yml" },
            ],
            resources: res("200m", "256Mi", "1", "1Gi"),
            livenessProbe: httpProbe("/", "registry", 30, 10),
            readinessProbe: httpProbe("/", "registry", 5, 10),
          },
        ],
        volumes: [{ name: "config", configMap: { name: "harbor-registry" } }],
        volumeClaimTemplates: [pvcTemplate("data", "200Gi")],
      }),
    },
    // --- harbor-portal
    { body: service(portal, [{ name: "http", port: 80, targetPort: "http" }]) },
    {
      comment: patternComment(stage, portal.name, PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: portal,
        replicas: 2,
        hardening: hardenIf(stage, portal.name, app),
        containers: [
          {
            name: "portal",
            image: `goharbor/harbor-portal:v${hv}`,
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
            volumeMounts:
              stage >= 2
                ? [
                    { name: "nginx-cache", mountPath: "/var/cache/nginx" },
                    { name: "nginx-run", mountPath: "/var/run" },
                  ]
                : [],
            resources: res("50m", "64Mi", "250m", "256Mi"),
            livenessProbe: httpProbe("/", "http", 10, 10),
            readinessProbe: httpProbe("/", "http", 5, 10),
          },
        ],
        volumes:
          stage >= 2
            ? [
                { name: "nginx-cache", emptyDir: {} },
                { name: "nginx-run", emptyDir: {} },
              ]
            : [],
      }),
    },
    // --- docker-registry (plain distribution registry kept as pull-through cache)
    { body: service(dockerReg, [{ name: "registry", port: 5000, targetPort: "registry" }]) },
    {
      comment: patternComment(stage, dockerReg.name, `${PATTERN_2_HEADER} (pull-through cache)`),
      body: workload({
        kind: "StatefulSet",
        meta: dockerReg,
        hardening: hardenIf(stage, dockerReg.name, { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "stateful" }),
        containers: [
          {
            name: "registry",
            image: "registry:2.8.3",
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "registry", containerPort: 5000, protocol: "TCP" }],
            env: [
              { name: "REGISTRY_PROXY_REMOTEURL", value: "https://registry-1.docker.io" },
              { name: "REGISTRY_STORAGE_DELETE_ENABLED", value: "true" },
            ],
            volumeMounts: [{ name: "data", mountPath: "/var/lib/registry" }],
            resources: res("100m", "128Mi", "500m", "512Mi"),
            livenessProbe: httpProbe("/", "registry", 10, 10),
            readinessProbe: httpProbe("/", "registry", 5, 10),
          },
        ],
        volumeClaimTemplates: [pvcTemplate("data", "50Gi")],
      }),
    },
    // --- registry-ui
    { body: service(ui, [{ name: "http", port: 80, targetPort: "http" }]) },
    {
      comment: patternComment(stage, ui.name, PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: ui,
        replicas: 1,
        hardening: hardenIf(stage, ui.name, app),
        containers: [
          {
            name: "ui",
            image: "joxit/docker-registry-ui:2.5.7",
            imagePullPolicy: "IfNotPresent",
            ports: [{ name: "http", containerPort: stage >= 2 ? 8080 : 80, protocol: "TCP" }],
            env: [
              { name: "NGINX_PROXY_PASS_URL", value: "http://docker-registry:5000" },
              { name: "SINGLE_REGISTRY", value: "true" },
              ...(stage >= 2 ? [{ name: "NGINX_LISTEN_PORT", value: "8080" }] : []),
            ],
            resources: res("20m", "32Mi", "100m", "128Mi"),
            livenessProbe: httpProbe("/", "http", 5, 20),
            readinessProbe: httpProbe("/", "http", 5, 10),
          },
        ],
      }),
    },
  ];
  return renderFile("Container registry: Harbor (core, jobservice, registry, portal, database, redis)\nplus a plain distribution registry used as Docker Hub pull-through cache.", docs);
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/logging-stack.yaml — Logging Stack

function loggingDeployment(stage: Stage): string {
  const loki: Meta = { name: "loki", namespace: "logging", partOf: "logging", component: "aggregator", version: "3.2.0" };
  const promtail: Meta = { name: "promtail", namespace: "logging", partOf: "logging", component: "agent", version: "3.2.0" };
  const promtailHardening: Hardening | undefined = stage >= 2 ? { uid: 0, gid: 0, pattern: "node-agent" } : undefined;
  const docs: Doc[] = [
    { body: namespace("logging", "logging", stage, "privileged") },
    { body: service(loki, [{ name: "http", port: 3100, targetPort: "http" }]) },
    { body: service(loki, [{ name: "http", port: 3100, targetPort: "http" }], { headless: true, name: "loki-headless" }) },
    {
      comment: patternComment(stage, loki.name, `${PATTERN_2_HEADER} (UID 10001)`),
      body: workload({
        kind: "StatefulSet",
        meta: loki,
        hardening: hardenIf(stage, loki.name, { uid: 10001, gid: 10001, fsGroup: 10001, pattern: "stateful" }),
        containers: [
          {
            name: "loki",
            image: "grafana/loki:3.2.0",
            imagePullPolicy: "IfNotPresent",
            args: ["-config.file=/etc/loki/loki.yaml", "-target=all"],
            ports: [
              { name: "http", containerPort: 3100, protocol: "TCP" },
              { name: "grpc", containerPort: 9095, protocol: "TCP" },
            ],
            volumeMounts: [
              { name: "config", mountPath: "/etc/loki" },
              { name: "data", mountPath: "/loki" },
            ],
            resources: res("250m", "512Mi", "1", "2Gi"),
            livenessProbe: httpProbe("/ready", "http", 45, 10),
            readinessProbe: httpProbe("/ready", "http", 15, 10),
          },
        ],
        volumes: [{ name: "config", configMap: { name: "loki" } }],
        volumeClaimTemplates: [pvcTemplate("data", "50Gi")],
      }),
    },
    {
      body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "promtail", namespace: "logging", labels: labels(promtail) } },
    },
    {
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "promtail", labels: labels(promtail) },
        rules: [{ apiGroups: [""], resources: ["nodes", "nodes/proxy", "services", "endpoints", "pods"], verbs: ["get", "watch", "list"] }],
      },
    },
    {
      body: {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "promtail", labels: labels(promtail) },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "promtail" },
        subjects: [{ kind: "ServiceAccount", name: "promtail", namespace: "logging" }],
      },
    },
    {
      comment:
        stage >= 2
          ? "Node agent (exception, see examples/maestro/exceptions.yaml): reads every pod's log files from the node.\nrunAsUser 0 is required because /var/log/pods is root-owned 0640; DAC_READ_SEARCH is the only\ncapability added back after dropping ALL."
          : undefined,
      body: workload({
        kind: "DaemonSet",
        meta: promtail,
        serviceAccountName: "promtail",
        hardening: promtailHardening,
        containers: [
          {
            name: "promtail",
            image: "grafana/promtail:3.2.0",
            imagePullPolicy: "IfNotPresent",
            args: ["-config.file=/etc/promtail/promtail.yaml"],
            ports: [{ name: "http-metrics", containerPort: 3101, protocol: "TCP" }],
            env: [{ name: "HOSTNAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }],
            volumeMounts: [
              { name: "config", mountPath: "/etc/promtail" },
              { name: "run", mountPath: "/run/promtail" },
              { name: "varlog", mountPath: "/var/log", readOnly: true },
            ],
            resources: res("50m", "64Mi", "200m", "256Mi"),
            readinessProbe: httpProbe("/ready", "http-metrics", 10, 10),
          },
        ],
        volumes: [
          { name: "config", configMap: { name: "promtail" } },
          { name: "run", hostPath: { path: "/run/promtail", type: "DirectoryOrCreate" } },
          { name: "varlog", hostPath: { path: "/var/log", type: "Directory" } },
        ],
        extraPodSpec: {
          tolerations: [
            { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" },
            { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
          ],
        },
      }),
    },
  ];
  return renderFile("Logging stack: Loki (single binary) and the Promtail node agent.", docs);
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/kubernetes/training-operator.yaml — ML Training

function trainingDeployment(stage: Stage): string {
  const m: Meta = { name: "training-operator", namespace: "training", partOf: "kubeflow", component: "controller", version: "v1-855e096", instance: "training-operator" };
  const docs: Doc[] = [
    { body: namespace("training", "kubeflow", stage) },
    { body: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "training-operator", namespace: "training", labels: labels(m) } } },
    {
      body: service(m, [
        { name: "monitoring-port", port: 8080, targetPort: 8080 },
        { name: "webhook-server", port: 443, targetPort: 9443 },
      ]),
    },
    {
      comment: patternComment(stage, m.name, PATTERN_1_HEADER),
      body: workload({
        kind: "Deployment",
        meta: m,
        replicas: 1,
        serviceAccountName: "training-operator",
        hardening: hardenIf(stage, m.name, { uid: 1000, gid: 3000, fsGroup: 2000, pattern: "app-readonly" }),
        podPartOf: hasPodPartOf(stage, m.name),
        containers: [
          {
            name: "training-operator",
            image: "kubeflow/training-operator:v1-855e096",
            imagePullPolicy: "IfNotPresent",
            command: ["/manager"],
            args: ["--enable-scheme=pytorchjob", "--enable-scheme=tfjob", "--enable-scheme=xgboostjob", "--gang-scheduler-name=none"],
            ports: [
              { name: "metrics", containerPort: 8080, protocol: "TCP" },
              { name: "webhook-server", containerPort: 9443, protocol: "TCP" },
            ],
            env: [
              { name: "MY_POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              { name: "MY_POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
            ],
            volumeMounts: [{ name: "cert", mountPath: "/tmp/k8s-webhook-server/serving-certs", readOnly: true }],
            resources: res("100m", "128Mi", "500m", "512Mi"),
            livenessProbe: httpProbe("/healthz", 8081, 15, 20),
            readinessProbe: httpProbe("/readyz", 8081, 10, 15),
          },
        ],
        volumes: [{ name: "cert", secret: { secretName: "training-operator-webhook-cert", defaultMode: 420 } }],
      }),
    },
  ];
  return renderFile("Kubeflow training operator (PyTorchJob / TFJob / XGBoostJob).", docs);
}

// ---------------------------------------------------------------------------------------------------------
// Network policies

const DNS_EGRESS = {
  to: [
    {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
  ],
};
const KUBE_API_EGRESS = { to: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [{ protocol: "TCP", port: 443 }] };
const MANAGED_DB_EGRESS = { to: [{ ipBlock: { cidr: "10.20.0.0/16" } }], ports: [{ protocol: "TCP", port: 5432 }] };
const HTTPS_EGRESS = {
  to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "169.254.169.254/32"] } }],
  ports: [{ protocol: "TCP", port: 443 }],
};

function nsPeer(ns: string, podLabels?: Obj): Obj {
  return {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

const byName = (name: string): Obj => ({ "app.kubernetes.io/name": name });
const byPartOf = (partOf: string): Obj => ({ "app.kubernetes.io/part-of": partOf });

function netpol(name: string, ns: string, podSelector: Obj, spec: { ingress?: Obj[]; egress?: Obj[] }): Obj {
  const policyTypes = [...(spec.ingress ? ["Ingress"] : []), ...(spec.egress ? ["Egress"] : [])];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: ns, labels: { "app.kubernetes.io/part-of": "maestro-platform", "app.kubernetes.io/component": "network-policy" } },
    spec: { podSelector: { matchLabels: podSelector }, policyTypes, ...spec },
  };
}

function tcp(port: number | string): Obj {
  return { protocol: "TCP", port };
}

function networkPolicies(stage: Stage): Record<string, string> {
  if (stage < 3) return {};
  const phase1 = ["maestro", "mlflow", "feast", "airflow"];
  const all = [...phase1, "registry", "logging", "training"];
  const namespaces = stage >= 4 ? all : phase1;
  const files: Record<string, string> = {};

  files["default-deny-all.yaml"] = renderFile(
    "Default deny: every namespace with workloads starts closed for ingress and egress.\nDNS egress is re-opened per namespace; everything else is allowed by the tier policies.",
    namespaces.flatMap((ns) => [
      {
        body: {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "default-deny-all", namespace: ns, labels: { "app.kubernetes.io/part-of": "maestro-platform", "app.kubernetes.io/component": "network-policy" } },
          spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
        },
      },
      {
        body: {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "allow-dns-egress", namespace: ns, labels: { "app.kubernetes.io/part-of": "maestro-platform", "app.kubernetes.io/component": "network-policy" } },
          spec: { podSelector: {}, policyTypes: ["Egress"], egress: [DNS_EGRESS] },
        },
      },
    ]),
  );

  files["api-network-policy.yaml"] = renderFile("API tier: ingress only from the ingress controller; egress to MLflow, Feast, Airflow and the managed database.", [
    {
      body: netpol("maestro-api", "maestro", byName("maestro-api"), {
        ingress: [
          { from: [nsPeer("ingress-nginx", { "app.kubernetes.io/name": "ingress-nginx" })], ports: [tcp(8000)] },
          { from: [nsPeer("monitoring", { "app.kubernetes.io/name": "prometheus" })], ports: [tcp(8000)] },
        ],
        egress: [
          { to: [nsPeer("mlflow", byName("mlflow-server"))], ports: [tcp(5000)] },
          { to: [nsPeer("feast", byName("feast-feature-server"))], ports: [tcp(6566)] },
          { to: [nsPeer("airflow", byName("airflow-webserver"))], ports: [tcp(8080)] },
          MANAGED_DB_EGRESS,
        ],
      }),
    },
    {
      body: netpol("maestro-worker", "maestro", byName("maestro-worker"), {
        ingress: [],
        egress: [
          { to: [nsPeer("mlflow", byName("mlflow-server"))], ports: [tcp(5000)] },
          { to: [nsPeer("feast", byName("feast-feature-server"))], ports: [tcp(6566)] },
          { to: [nsPeer("training", byName("training-operator"))], ports: [tcp(8080)] },
          MANAGED_DB_EGRESS,
          KUBE_API_EGRESS,
        ],
      }),
    },
  ]);

  files["mlflow-network-policy.yaml"] = renderFile("MLflow: reachable from Maestro, Airflow tasks and training jobs.", [
    {
      body: netpol("mlflow-server", "mlflow", byName("mlflow-server"), {
        ingress: [{ from: [nsPeer("maestro"), nsPeer("airflow"), nsPeer("training")], ports: [tcp(5000)] }],
        egress: [MANAGED_DB_EGRESS],
      }),
    },
  ]);

  const dbDocs: Doc[] = [
    {
      body: netpol("airflow-postgresql", "airflow", byName("airflow-postgresql"), {
        ingress: [{ from: [{ podSelector: { matchLabels: byPartOf("airflow") } }], ports: [tcp(5432)] }],
        egress: [],
      }),
    },
  ];
  if (stage >= 4) {
    dbDocs.push(
      {
        body: netpol("harbor-database", "registry", byName("harbor-database"), {
          ingress: [
            {
              from: [{ podSelector: { matchLabels: byName("harbor-core") } }, { podSelector: { matchLabels: byName("harbor-jobservice") } }],
              ports: [tcp(5432)],
            },
          ],
          egress: [],
        }),
      },
      {
        body: netpol("harbor-redis", "registry", byName("harbor-redis"), {
          ingress: [
            {
              from: [
                { podSelector: { matchLabels: byName("harbor-core") } },
                { podSelector: { matchLabels: byName("harbor-jobservice") } },
                { podSelector: { matchLabels: byName("harbor-registry") } },
              ],
              ports: [tcp(6379)],
            },
          ],
          egress: [],
        }),
      },
    );
  }
  files["database-network-policy.yaml"] = renderFile("Database isolation: databases accept connections only from their own application.", dbDocs);

  files["feast-network-policy.yaml"] = renderFile("Feature store: online features for Maestro, materialisation from Airflow.", [
    {
      body: netpol("feast-feature-server", "feast", byName("feast-feature-server"), {
        ingress: [{ from: [nsPeer("maestro"), nsPeer("airflow")], ports: [tcp(6566)] }],
        egress: [{ to: [{ podSelector: { matchLabels: byName("feast-redis") } }], ports: [tcp(6379)] }],
      }),
    },
    {
      body: netpol("feast-redis", "feast", byName("feast-redis"), {
        ingress: [
          {
            from: [{ podSelector: { matchLabels: byName("feast-feature-server") } }, { podSelector: { matchLabels: byName("feast-redis") } }, nsPeer("airflow")],
            ports: [tcp(6379)],
          },
        ],
        egress: [{ to: [{ podSelector: { matchLabels: byName("feast-redis") } }], ports: [tcp(6379)] }],
      }),
    },
  ]);

  if (stage >= 4) {
    files["airflow-network-policy.yaml"] = renderFile(
      "Airflow (added after the five planned policies): UI via ingress, workers reach the ML platform and the Kubernetes API.",
      [
        {
          body: netpol("airflow-webserver", "airflow", byName("airflow-webserver"), {
            ingress: [{ from: [nsPeer("ingress-nginx", { "app.kubernetes.io/name": "ingress-nginx" }), nsPeer("maestro", byName("maestro-api"))], ports: [tcp(8080)] }],
            egress: [
              { to: [{ podSelector: { matchLabels: byName("airflow-postgresql") } }], ports: [tcp(5432)] },
              { to: [{ podSelector: { matchLabels: byName("airflow-worker") } }], ports: [tcp(8793)] },
              HTTPS_EGRESS,
            ],
          }),
        },
        {
          body: netpol("airflow-scheduler", "airflow", byName("airflow-scheduler"), {
            ingress: [],
            egress: [{ to: [{ podSelector: { matchLabels: byName("airflow-postgresql") } }], ports: [tcp(5432)] }, KUBE_API_EGRESS, HTTPS_EGRESS],
          }),
        },
        {
          body: netpol("airflow-worker", "airflow", byName("airflow-worker"), {
            ingress: [{ from: [{ podSelector: { matchLabels: byName("airflow-webserver") } }], ports: [tcp(8793)] }],
            egress: [
              { to: [{ podSelector: { matchLabels: byName("airflow-postgresql") } }], ports: [tcp(5432)] },
              { to: [nsPeer("mlflow", byName("mlflow-server"))], ports: [tcp(5000)] },
              { to: [nsPeer("feast")], ports: [tcp(6566), tcp(6379)] },
              KUBE_API_EGRESS,
              HTTPS_EGRESS,
            ],
          }),
        },
      ],
    );
    files["registry-network-policy.yaml"] = renderFile("Container registry (added after the five planned policies).", [
      {
        body: netpol("harbor-frontend", "registry", { "app.kubernetes.io/part-of": "harbor" }, {
          ingress: [
            { from: [nsPeer("ingress-nginx", { "app.kubernetes.io/name": "ingress-nginx" })], ports: [tcp(8080), tcp(5000)] },
            { from: [{ podSelector: { matchLabels: byPartOf("harbor") } }] },
          ],
          egress: [{ to: [{ podSelector: { matchLabels: byPartOf("harbor") } }] }, HTTPS_EGRESS],
        }),
      },
      {
        body: netpol("docker-registry", "registry", { "app.kubernetes.io/part-of": "docker-registry" }, {
          ingress: [
            { from: [{ podSelector: { matchLabels: byPartOf("docker-registry") } }], ports: [tcp(5000), tcp(8080)] },
            { from: [{ namespaceSelector: {} }], ports: [tcp(5000)] },
          ],
          egress: [{ to: [{ podSelector: { matchLabels: byName("docker-registry") } }], ports: [tcp(5000)] }, HTTPS_EGRESS],
        }),
      },
    ]);
    files["logging-network-policy.yaml"] = renderFile("Logging stack (added after the five planned policies).", [
      {
        body: netpol("loki", "logging", byName("loki"), {
          ingress: [
            { from: [{ podSelector: { matchLabels: byName("promtail") } }], ports: [tcp(3100)] },
            { from: [nsPeer("monitoring", { "app.kubernetes.io/name": "grafana" })], ports: [tcp(3100)] },
          ],
          egress: [],
        }),
      },
      {
        body: netpol("promtail", "logging", byName("promtail"), {
          ingress: [{ from: [nsPeer("monitoring", { "app.kubernetes.io/name": "prometheus" })], ports: [tcp(3101)] }],
          egress: [{ to: [{ podSelector: { matchLabels: byName("loki") } }], ports: [tcp(3100)] }, KUBE_API_EGRESS],
        }),
      },
    ]);
    files["training-network-policy.yaml"] = renderFile("Training operator (added after the five planned policies): webhook from the API server only.", [
      {
        body: netpol("training-operator", "training", byName("training-operator"), {
          ingress: [
            { from: [{ ipBlock: { cidr: "10.0.0.0/16" } }], ports: [tcp(9443)] },
            { from: [nsPeer("monitoring", { "app.kubernetes.io/name": "prometheus" })], ports: [tcp(8080)] },
          ],
          egress: [KUBE_API_EGRESS],
        }),
      },
    ]);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// Pod disruption budgets

function pdb(name: string, ns: string, budget: Obj, selector: Obj): Doc {
  return {
    body: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name, namespace: ns, labels: { "app.kubernetes.io/part-of": "maestro-platform", "app.kubernetes.io/component": "pdb" } },
      spec: { ...budget, selector: { matchLabels: selector } },
    },
  };
}

function pdbs(stage: Stage): Record<string, string> {
  if (stage < 3) return {};
  const min1 = { minAvailable: 1 };
  const single = { maxUnavailable: 1 };
  const files: Record<string, string> = {};
  files["api-pdb.yaml"] = renderFile("Keep the API serving during node drains.", [pdb("maestro-api", "maestro", min1, byName("maestro-api"))]);
  files["mlflow-pdb.yaml"] = renderFile("MLflow tracking server.", [pdb("mlflow-server", "mlflow", min1, byName("mlflow-server"))]);
  files["feast-redis-pdb.yaml"] = renderFile("Online store keeps quorum (2 of 3).", [pdb("feast-redis", "feast", { minAvailable: 2 }, byName("feast-redis"))]);
  files["airflow-pdb.yaml"] = renderFile(
    "Airflow control plane.",
    stage >= 4
      ? [
          pdb("airflow-webserver", "airflow", min1, byName("airflow-webserver")),
          pdb("airflow-scheduler", "airflow", min1, byName("airflow-scheduler")),
          pdb("airflow-postgresql", "airflow", single, byName("airflow-postgresql")),
        ]
      : [pdb("airflow-webserver", "airflow", min1, byName("airflow-webserver"))],
  );
  files["worker-pdb.yaml"] = renderFile(
    "Background workers.",
    stage >= 4
      ? [pdb("maestro-worker", "maestro", min1, byName("maestro-worker")), pdb("airflow-worker", "airflow", { minAvailable: 2 }, byName("airflow-worker"))]
      : [pdb("maestro-worker", "maestro", min1, byName("maestro-worker"))],
  );
  if (stage >= 4) {
    files["feast-pdb.yaml"] = renderFile("Feature server (added after the five planned PDBs).", [
      pdb("feast-feature-server", "feast", min1, byName("feast-feature-server")),
    ]);
    files["registry-pdb.yaml"] = renderFile(
      "Container registry (added after the five planned PDBs). Single-replica components use maxUnavailable: 1\nso that node drains are never blocked.",
      [
        pdb("harbor-core", "registry", min1, byName("harbor-core")),
        pdb("harbor-portal", "registry", min1, byName("harbor-portal")),
        pdb("harbor-jobservice", "registry", single, byName("harbor-jobservice")),
        pdb("harbor-registry", "registry", single, byName("harbor-registry")),
        pdb("harbor-database", "registry", single, byName("harbor-database")),
        pdb("harbor-redis", "registry", single, byName("harbor-redis")),
        pdb("docker-registry", "registry", single, byName("docker-registry")),
        pdb("registry-ui", "registry", single, byName("registry-ui")),
      ],
    );
    files["logging-pdb.yaml"] = renderFile("Loki (Promtail is a DaemonSet: no PDB).", [pdb("loki", "logging", single, byName("loki"))]);
    files["training-pdb.yaml"] = renderFile("Training operator.", [pdb("training-operator", "training", single, byName("training-operator"))]);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------------------
// infrastructure/minikube — dev environment (still mostly unhardened; postgresql and redis get the
// patterns in the final snapshot)

function devWorkload(
  stage: Stage,
  name: string,
  partOf: string,
  version: string,
  container: Obj,
  opts: { volumes?: Obj[]; hardening?: Hardening; hardenAt?: Stage; kind?: "Deployment" | "StatefulSet"; pvc?: string } = {},
): Doc[] {
  const m: Meta = { name, namespace: "maestro-dev", partOf, component: "dev", version, instance: "maestro-dev" };
  const docs: Doc[] = [];
  if (opts.pvc) {
    docs.push({
      body: {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: `${name}-data`, namespace: "maestro-dev", labels: labels(m) },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: opts.pvc } } },
      },
    });
  }
  const hardened = opts.hardening && opts.hardenAt !== undefined && stage >= opts.hardenAt;
  docs.push({
    body: workload({
      kind: opts.kind ?? "Deployment",
      meta: m,
      replicas: 1,
      hardening: hardened ? opts.hardening : undefined,
      containers: [container],
      volumes: opts.volumes,
    }),
  });
  const ports = (container.ports as Obj[] | undefined) ?? [];
  if (ports.length) {
    docs.push({
      body: {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace: "maestro-dev", labels: labels(m) },
        spec: {
          type: "NodePort",
          selector: selectorLabels(m),
          ports: ports.map((p) => ({ name: p.name, port: p.containerPort, targetPort: p.name })),
        },
      },
    });
  }
  return docs;
}

function minikube(stage: Stage): Record<string, string> {
  const devHeader = (what: string) => `${what} for local development (minikube).\nSingle replica, no persistence guarantees.`;
  const pvcVolume = (name: string) => [{ name: "data", persistentVolumeClaim: { claimName: `${name}-data` } }];
  const files: Record<string, string> = {};
  files["postgresql.yaml"] = renderFile(
    devHeader("PostgreSQL shared by Maestro, MLflow and Airflow"),
    devWorkload(
      stage,
      "postgresql",
      "maestro",
      "16.4",
      {
        name: "postgresql",
        image: "postgres:16.4-alpine",
        ports: [{ name: "postgresql", containerPort: 5432 }],
        env: [
          { name: "POSTGRES_USER", value: "maestro" },
          { name: "POSTGRES_PASSWORD", value: "maestro-dev" },
          { name: "POSTGRES_DB", value: "maestro" },
          { name: "PGDATA", value: "/var/lib/postgresql/data/pgdata" },
        ],
        volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
        resources: res("100m", "256Mi", "500m", "512Mi"),
        readinessProbe: execProbe(["pg_isready", "-U", "maestro"], 5, 5),
      },
      { pvc: "5Gi", volumes: pvcVolume("postgresql"), hardening: { uid: 70, gid: 70, fsGroup: 70, pattern: "stateful" }, hardenAt: 4 },
    ),
  );
  files["redis.yaml"] = renderFile(
    devHeader("Redis (Feast online store)"),
    devWorkload(
      stage,
      "redis",
      "feast",
      "7.2.5",
      {
        name: "redis",
        image: "redis:7.2.5-alpine",
        ports: [{ name: "redis", containerPort: 6379 }],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
        resources: res("50m", "128Mi", "250m", "256Mi"),
      },
      { volumes: [{ name: "data", emptyDir: {} }], hardening: { uid: 999, gid: 999, fsGroup: 999, pattern: "stateful" }, hardenAt: 4 },
    ),
  );
  files["minio.yaml"] = renderFile(
    devHeader("MinIO (S3-compatible artifact store)"),
    devWorkload(
      stage,
      "minio",
      "mlflow",
      "RELEASE.2024-10-02T17-50-41Z",
      {
        name: "minio",
        image: "minio/minio:RELEASE.2024-10-02T17-50-41Z",
        args: ["server", "/data", "--console-address", ":9001"],
        ports: [
          { name: "api", containerPort: 9000 },
          { name: "console", containerPort: 9001 },
        ],
        env: [
          { name: "MINIO_ROOT_USER", value: "minio" },
          { name: "MINIO_ROOT_PASSWORD", value: "minio-dev-password" },
        ],
        volumeMounts: [{ name: "data", mountPath: "/data" }],
        resources: res("100m", "256Mi", "500m", "1Gi"),
      },
      { pvc: "10Gi", volumes: pvcVolume("minio") },
    ),
  );
  files["mlflow.yaml"] = renderFile(
    devHeader("MLflow tracking server"),
    devWorkload(stage, "mlflow", "mlflow", "2.16.2", {
      name: "mlflow",
      image: "ghcr.io/mlflow/mlflow:v2.16.2",
      command: ["mlflow", "server", "--host=0.0.0.0", "--port=5000", "--backend-store-uri=postgresql://maestro:maestro-dev@postgresql:5432/mlflow", "--artifacts-destination=s3://mlflow"],
      ports: [{ name: "http", containerPort: 5000 }],
      env: [
        { name: "MLFLOW_S3_ENDPOINT_URL", value: "http://minio:9000" },
        { name: "AWS_ACCESS_KEY_ID", value: "minio" },
        { name: "AWS_SECRET_ACCESS_KEY", value: "minio-dev-password" },
      ],
      resources: res("100m", "256Mi", "500m", "1Gi"),
    }),
  );
  files["feast.yaml"] = renderFile(
    devHeader("Feast feature server"),
    devWorkload(stage, "feast", "feast", "0.40.1", {
      name: "feature-server",
      image: "feastdev/feature-server:0.40.1",
      command: ["feast", "serve", "--host", "0.0.0.0", "--port", "6566"],
      ports: [{ name: "http", containerPort: 6566 }],
      env: [{ name: "FEAST_ONLINE_STORE_HOST", value: "redis:6379" }],
      resources: res("100m", "256Mi", "500m", "512Mi"),
    }),
  );
  const airflowDocs = devWorkload(stage, "airflow", "airflow", "2.10.2", {
    name: "airflow",
    image: "apache/airflow:2.10.2-python3.11",
    args: ["standalone"],
    ports: [{ name: "http", containerPort: 8080 }],
    env: [
      { name: "AIRFLOW__CORE__LOAD_EXAMPLES", value: "False" },
      { name: "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", value: "postgresql+psycopg2://maestro:maestro-dev@postgresql:5432/airflow" },
      { name: "_PIP_ADDITIONAL_REQUIREMENTS", value: "apache-airflow-providers-cncf-kubernetes==8.4.2 mlflow==2.16.2" },
    ],
    resources: res("500m", "1Gi", "2", "3Gi"),
  });
  for (const d of airflowDocs) {
    if (d.body.kind === "Deployment") {
      (d.body.metadata as Obj).annotations = { "rampart.io/pattern": "app-writable" };
    }
  }
  files["airflow.yaml"] = renderFile(devHeader("Airflow standalone (webserver + scheduler + SQLite-free metadata DB)"), airflowDocs);
  files["container-registry.yaml"] = renderFile(
    devHeader("Plain Docker registry (Harbor is production-only)"),
    devWorkload(
      stage,
      "docker-registry",
      "docker-registry",
      "2.8.3",
      {
        name: "registry",
        image: "registry:2.8.3",
        ports: [{ name: "registry", containerPort: 5000 }],
        volumeMounts: [{ name: "data", mountPath: "/var/lib/registry" }],
        resources: res("50m", "64Mi", "250m", "256Mi"),
      },
      { pvc: "10Gi", volumes: pvcVolume("docker-registry") },
    ),
  );
  files["logging-stack.yaml"] = renderFile(
    devHeader("Loki (promtail is not deployed on minikube; use kubectl logs)"),
    devWorkload(stage, "loki", "logging", "3.2.0", {
      name: "loki",
      image: "grafana/loki:3.2.0",
      args: ["-config.file=/etc/loki/local-config.yaml"],
      ports: [{ name: "http", containerPort: 3100 }],
      resources: res("100m", "256Mi", "500m", "512Mi"),
    }),
  );
  files["training-operator.yaml"] = renderFile(
    devHeader("Kubeflow training operator"),
    devWorkload(stage, "training-operator", "kubeflow", "v1-855e096", {
      name: "training-operator",
      image: "kubeflow/training-operator:v1-855e096",
      command: ["/manager"],
      ports: [{ name: "metrics", containerPort: 8080 }],
      resources: res("50m", "64Mi", "250m", "256Mi"),
    }),
  );
  return files;
}

// ---------------------------------------------------------------------------------------------------------

function writeSnapshot(stage: Stage): void {
  const dir = join(ROOT, SNAPSHOT_DIRS[stage]);
  rmSync(dir, { recursive: true, force: true });
  const files: Record<string, string> = {
    "infrastructure/kubernetes/deployment.yaml": coreDeployment(stage),
    "infrastructure/kubernetes/mlflow-deployment.yaml": mlflowDeployment(stage),
    "infrastructure/kubernetes/feast-deployment.yaml": feastDeployment(stage),
    "infrastructure/kubernetes/airflow-deployment.yaml": airflowDeployment(stage),
    "infrastructure/kubernetes/container-registry.yaml": registryDeployment(stage),
    "infrastructure/kubernetes/logging-stack.yaml": loggingDeployment(stage),
    "infrastructure/kubernetes/training-operator.yaml": trainingDeployment(stage),
  };
  for (const [f, text] of Object.entries(networkPolicies(stage))) files[`infrastructure/kubernetes/network-policies/${f}`] = text;
  for (const [f, text] of Object.entries(pdbs(stage))) files[`infrastructure/kubernetes/pdb/${f}`] = text;
  for (const [f, text] of Object.entries(minikube(stage))) files[`infrastructure/minikube/${f}`] = text;
  for (const [rel, text] of Object.entries(files)) {
    const path = join(dir, rel);
    mkdirSync(dirname(path), { recursive: true });
    const production = rel.startsWith("infrastructure/kubernetes/");
    writeFileSync(path, production && fromHarbor(stage, rel.split("/").pop() ?? "") ? mirrorImages(text) : text);
  }
}

for (const stage of [1, 2, 3, 4] as const) writeSnapshot(stage);
