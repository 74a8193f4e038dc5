import packageJson from "../package.json" with { type: "json" };

/** Rampart's version, from package.json: reported by /api/health, the CLI and stored with every scan. */
export const appVersion: string = packageJson.version;
