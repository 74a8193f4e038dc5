import { fail, pass, volumes } from "../pod.ts";
import type { ControlDefinition } from "../types.ts";

/** Volume sources the restricted level allows. A volume with no source defaults to emptyDir. */
export const RESTRICTED_VOLUME_TYPES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

export const pssVolumeTypes: ControlDefinition = {
  id: "pss-volume-types",
  title: "PSS restricted: only allowed volume types",
  rationale:
    "Restricted pods may only use volume types that do not give direct access to node or storage-backend credentials: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret. Other storage goes through PersistentVolumes.",
  severity: "medium",
  category: "pss-restricted",
  mapping: {
    pss: { level: "restricted", control: "Volume Types" },
    trivy: ["KSV028"],
  },
  remediation: `volumes:
- name: tmp
  emptyDir: {}
- name: data
  persistentVolumeClaim:
    claimName: data      # network storage through a PVC, not an inline nfs/iscsi/... source
`,
  evaluate(ctx) {
    const bad: string[] = [];
    for (const v of volumes(ctx)) {
      const types = Object.keys(v).filter((k) => k !== "name" && v[k] !== null && v[k] !== undefined);
      const disallowed = types.filter((t) => !RESTRICTED_VOLUME_TYPES.has(t));
      if (disallowed.length) bad.push(`${String(v.name)} (${disallowed.join(", ")})`);
    }
    return bad.length ? fail(`disallowed volume types: ${bad.join(", ")}`) : pass();
  },
};
