// Stand-in for the `server-only` marker package in integration tests (see vitest.integration.config.mts).
export {};
