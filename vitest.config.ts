import path from "node:path";
import "./test/helpers/node20-polyfills.ts";
import { defineConfig } from "vitest/config";

// `server-only` throws outside a React Server environment; lib code under test runs in plain Node.
const serverOnly = { "server-only": path.resolve(import.meta.dirname, "test/helpers/server-only.ts") };

export default defineConfig({
  resolve: { tsconfigPaths: true, alias: serverOnly },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/unit/**/*.test.ts"], setupFiles: ["test/helpers/setup-unit.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          setupFiles: ["test/helpers/setup-integration.ts"],
          // next-auth imports "next/server" without an extension, which Node's ESM loader refuses:
          // let Vite resolve it, so route handlers built on lib/http/routes.ts can be called in tests.
          server: { deps: { inline: ["next-auth"] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // One server and one browser at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
