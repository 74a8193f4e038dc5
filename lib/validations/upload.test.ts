import { describe, expect, it } from "vitest";
import { safeUploadPath } from "./upload";

describe("safeUploadPath", () => {
  it("keeps folder-relative names and normalises separators", () => {
    expect(safeUploadPath("k8s/apps/deploy.yaml", 0)).toBe("k8s/apps/deploy.yaml");
    expect(safeUploadPath("k8s\\apps\\deploy.yaml", 0)).toBe("k8s/apps/deploy.yaml");
    expect(safeUploadPath("./a//b.yaml", 0)).toBe("a/b.yaml");
  });

  it.each([
    ["../etc/passwd", /without ".."/],
    ["k8s/../../x.yaml", /without ".."/],
    ["/etc/passwd", /relative path/],
    ["C:\\Windows\\x.yaml", /relative path/],
    ["bad\u0000name.yaml", /U\+0000 \(a control/],
    ["evil\u202Elmy.yaml", /U\+202E/],
    ["next\u0085line.yaml", /U\+0085/],
    ["iso\u2066late.yaml", /U\+2066/],
    ["zero\u200Bwidth.yaml", /U\+200B/],
    ["sep\u2028arator.yaml", /U\+2028/],
    ["lone\ud800.yaml", /U\+D800/],
    ["", /empty/],
  ])("rejects %j naming the file", (name, message) => {
    expect(() => safeUploadPath(name, 3)).toThrow(message);
    expect(() => safeUploadPath(name, 3)).toThrow(/files\[3\]/);
  });
});
