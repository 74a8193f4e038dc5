import { describe, expect, it } from "vitest";
import { unsafeUrlPart } from "./unsafe-url";

const at = (path: string) => unsafeUrlPart(new URL(path, "http://rampart.test"));

describe("unsafeUrlPart (issue 11: NUL in a path or query gave a 500)", () => {
  it.each([
    ["/projects/x%00y", "path"],
    ["/api/v1/projects/maestro/scans/%00", "path"],
    ["/projects/%ED%A0%80", "path"],
    ["/projects/%E9", "path"],
    ["/api/v1/projects/maestro/diff?from=%00&to=b", "from"],
    ["/projects/maestro/scans?environment=prod%00", "environment"],
    ["/api/v1/projects/maestro/reports?period=%ED%A0%80", "period"],
  ])("refuses %s naming %s", (path, field) => {
    expect(at(path)).toMatchObject({ field });
  });

  it.each([
    "/projects/maestro",
    "/projects/maestro/scans?environment=production&q=a+b%20c",
    "/api/v1/projects/m/diff?from=%F0%9F%98%80",
    "/",
  ])("lets %s through", (path) => {
    expect(at(path)).toBeNull();
  });
});
