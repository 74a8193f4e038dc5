import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EvidenceLine, EvidenceToggle, evidenceParam } from "./evidence-line";

const scan = (
  id: string,
  takenAt: string,
  evidence: "manifest" | "cluster",
  tool = "rampart",
  env = "production",
) => ({
  id,
  takenAt: new Date(takenAt),
  tool,
  evidence,
  environment: { name: env },
});

const render = (props: Parameters<typeof EvidenceLine>[0]) =>
  renderToStaticMarkup(createElement(EvidenceLine, props)).replace(/<!-- -->/g, "");

describe("EvidenceLine", () => {
  const scans = [
    scan("k", "2026-11-30T09:00:00Z", "cluster", "kyverno"),
    scan("s", "2026-11-29T09:00:00Z", "manifest", "rampart", "staging"),
    scan("m", "2026-11-28T09:00:00Z", "manifest"),
  ];

  it("says the figures come from manifests and names the environment's newest cluster evidence beside them", () => {
    expect(render({ scans, environment: "production", latestId: "m" })).toContain(
      "Figures from manifests scanned 2026-11-28; cluster evidence from kyverno on 2026-11-30 (not counted in these figures).",
    );
  });

  it("says when the figures come from the cluster, and keeps to the environment", () => {
    const html = render({ scans, environment: "production", latestId: "k" });
    expect(html).toContain(
      "Figures from cluster evidence from kyverno on 2026-11-30; manifests scanned 2026-11-28",
    );
    expect(render({ scans, environment: "staging", latestId: "s" })).toContain(
      "Figures from manifests scanned 2026-11-29.",
    );
  });
});

describe("EvidenceToggle", () => {
  const toggle = (kinds: ("manifest" | "cluster")[], evidence: "manifest" | "cluster") =>
    renderToStaticMarkup(
      createElement(EvidenceToggle, { kinds, evidence, href: (kind) => `/projects/p?evidence=${kind}` }),
    ).replace(/<!-- -->/g, "");

  it("links the other kind and marks the one shown, only where the environment has both", () => {
    const html = toggle(["cluster", "manifest"], "manifest");
    expect(html).toContain('<strong aria-current="true">Manifests</strong>');
    expect(html).toContain('<a href="/projects/p?evidence=cluster">Cluster reports</a>');
    expect(toggle(["manifest"], "manifest")).toBe("");
  });

  it("reads ?evidence= as a kind, ignoring anything else", () => {
    expect(evidenceParam("cluster")).toBe("cluster");
    expect(evidenceParam(["manifest", "cluster"])).toBe("manifest");
    expect(evidenceParam("live")).toBeUndefined();
  });
});
