// Stand-in for the `server-only` package when lib code runs under vitest (see vitest.config.ts).
export {};
