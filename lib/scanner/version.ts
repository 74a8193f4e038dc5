/** Scanner version reported in the output; kept equal to package.json "version" (a test checks). */
export const SCANNER_VERSION = "0.1.0";
