import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN } from "./helpers";

// Runs last (file order): by now the other specs have signed in, created and used API tokens, and uploaded.
test("the server's log never contains a password or an API token", () => {
  const log = readFileSync(`${process.env.E2E_DATA_DIR ?? ".data/e2e"}.log`, "utf8");
  expect(log).toContain("Rampart: created the instance admin"); // the log is the server's, and complete
  expect(log).not.toContain(ADMIN.password);
  expect(log).not.toMatch(/rmp_[A-Za-z0-9_-]{20,}/);
  expect(log).not.toMatch(/rampart\.session_token=[^;\s]{10,}/);
});
