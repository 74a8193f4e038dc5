import { describe, expect, it } from "vitest";
import { CONTROL_IDS } from "../scanner/index.ts";
import { controlIdSchema, isCustomControl, isPolicyControl } from "./program-schema.ts";
import { controlName, isToolControl, toolControlId, toolName, toolSeverity } from "./tool-control-id.ts";

describe("tool control ids: <tool>:<policy>[/<rule>]", () => {
  it("derives ids from a producer's source, policy and rule", () => {
    expect(toolControlId("kyverno", "require-labels", "check-for-labels")).toBe(
      "kyverno:require-labels/check-for-labels",
    );
    expect(toolControlId("Falco", "Falco Events", "Terminal shell in container")).toBe(
      "falco:falco-events/terminal-shell-in-container",
    );
    expect(toolControlId("kubescape", "C-0034")).toBe("kubescape:c-0034");
    expect(toolControlId("kyverno", "replicalimit.example.com", "replicalimit.example.com")).toBe(
      "kyverno:replicalimit.example.com",
    );
    expect(toolControlId("Trivy ConfigAudit", "a..b--c", "")).toBe("trivy-configaudit:a-b-c");
    // Reserved tool names never give a vap:<name> (nor rampart:) id.
    expect(toolName("VAP")).toBe("vap-report");
    expect(toolName("rampart")).toBe("rampart-report");
    expect(toolName("42 scanner")).toBe("t-42-scanner");
    expect(toolControlId("vap", "trusted-registry")).toBe("vap-report:trusted-registry");
  });

  it("keeps names with nothing ASCII, and very long ones, stable, distinct and within the grammar", () => {
    const a = controlName("規則");
    const b = controlName("ルール");
    expect(a).toMatch(/^x-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(controlName("規則")).toBe(a);
    const long = controlName(`${"a".repeat(300)}-1`);
    const other = controlName(`${"a".repeat(300)}-2`);
    expect(long.length).toBeLessThanOrEqual(253);
    expect(long).not.toBe(other);
    expect(isToolControl(`kyverno:${long}/${other}`)).toBe(true);
  });

  it("accepts only the grammar; never a built-in id nor a vap: id", () => {
    for (const id of [
      "kyverno:require-labels",
      "kyverno:require-labels/check-for-labels",
      "falco:falco-events/terminal-shell-in-container",
      "trivy:ksv020",
      "kyverno:replicalimit-policy.example.com/rule",
    ])
      expect([id, isToolControl(id), isCustomControl(id)]).toEqual([id, true, true]);
    for (const id of [
      "vap:trusted-registry",
      "rampart:x",
      "Kyverno:require-labels",
      "kyverno:Require",
      "kyverno:require labels",
      "kyverno:a/b/c",
      "kyverno:-a",
      "kyverno:a.",
      "kyverno:",
      ":a",
      "1tool:a",
      "kyverno-:a",
      `${"t".repeat(64)}:a`,
      `kyverno:${"a".repeat(254)}`,
      "run-as-non-root",
    ])
      expect([id, isToolControl(id)]).toEqual([id, false]);
    expect(isPolicyControl("vap:trusted-registry")).toBe(true);
    for (const id of CONTROL_IDS) expect(isToolControl(id)).toBe(false);
  });

  it("exit criteria and metrics may name them (controlIdSchema)", () => {
    expect(controlIdSchema.safeParse("kyverno:require-labels/check-for-labels").success).toBe(true);
    const bad = controlIdSchema.safeParse("kyverno:Require Labels");
    expect(bad.error?.issues[0].message).toMatch(/<tool>:<policy>\[\/<rule>\]/);
  });

  it("puts severities on Rampart's scale", () => {
    expect(
      [
        "critical",
        "High",
        "medium",
        "low",
        "info",
        "emergency",
        "error",
        "warning",
        "notice",
        undefined,
        "??",
      ].map(toolSeverity),
    ).toEqual([
      "critical",
      "high",
      "medium",
      "low",
      "low",
      "critical",
      "high",
      "medium",
      "low",
      "medium",
      "medium",
    ]);
  });
});
