/**
 * Regular expressions for HTML `pattern` attributes. Browsers compile them with the `v` flag (Chromium logs an error
 * and drops the check when that fails), where `-`, `(`, `)`, `[`, `{`, `/`, `|` and `\` must be escaped inside a
 * character class: every pattern attribute takes its value from here, and html-patterns.test.ts compiles each one
 * as the browser does and checks it accepts exactly what the server's schema accepts.
 */

/** An id of a program file, an environment name: lower-case letters, digits and single dashes (`idSchema`). */
export const ID_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*";

/** A project slug or an upload's environment (`slugSchema`): dashes inside, never at either end. */
export const SLUG_PATTERN = "[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?";
