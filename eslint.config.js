// ESLint 9 flat config: typed rules for every TypeScript file, React/Next.js/accessibility rules for
// components, and the layering rule that only lib/ reaches the database. `npm run lint` runs it with
// --max-warnings=0, so a warning fails CI like an error.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";

const DATABASE_ONLY_IN_LIB =
  "Only lib/ touches the database: call a lib/<domain>/<use-case>.ts function instead (see STYLE.md).";

export default defineConfig([
  globalIgnores([
    "lib/db/generated/**",
    ".next/**",
    "node_modules/**",
    "data/**",
    "coverage/**",
    "test-results/**",
    "bench/results/**",
    "next-env.d.ts",
  ]),

  js.configs.recommended,

  {
    name: "keydesk/typescript",
    files: ["**/*.{ts,tsx,mts,cts}"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/ban-ts-comment": ["error", { "ts-expect-error": "allow-with-description" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
    },
  },

  {
    name: "keydesk/react",
    files: ["**/*.tsx"],
    extends: [reactHooks.configs.flat.recommended, jsxA11y.flatConfigs.recommended],
  },

  {
    name: "keydesk/next",
    files: ["app/**/*.{ts,tsx}", "proxy.ts"],
    extends: [nextPlugin.configs["core-web-vitals"]],
    rules: {
      // App Router only: there is no pages/ directory for this rule to read.
      "@next/next/no-html-link-for-pages": "off",
    },
  },

  {
    name: "keydesk/app-never-touches-the-database",
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              // @/lib/db, @/lib/db/*, relative spellings (../../lib/db), any generated Prisma client
              // however it is reached, and @prisma/* itself.
              regex: "^(@/|(\\.{1,2}/)+)lib/db(/|$)|(^|/)generated(/|$)|^@prisma/",
              message: DATABASE_ONLY_IN_LIB,
            },
            {
              regex: "^next/headers$|^(@/|(\\.{1,2}/)+)lib/http/client-info$",
              message:
                "Request headers, the client IP and user agent reach a use case as `meta`, built by the wrappers in lib/http/ (actions.ts, routes.ts) or currentRequestMeta() — see CONTRIBUTING.md.",
            },
            {
              // Lib-internal reads that skip the actor check (the caller checked it) or hand out secrets.
              regex:
                "^(@/|(\\.{1,2}/)+)lib/(settings/read-refund-webhook-target|settings/refund-settings|tickets/read-canned-replies)$",
              message: "Internal to lib: call the use case that checks the actor (see CONTRIBUTING.md).",
            },
          ],
        },
      ],
    },
  },

  {
    // The environment is parsed once, with zod, in lib/env.ts. Two reads sit outside it on purpose:
    // lib/log.ts (KEYDESK_LOG_LEVEL: logging must work while the environment is being parsed and
    // reports its errors) and proxy.ts (NODE_ENV, set by Next.js itself; the proxy runs before lib).
    // scripts/ are process entry points and read their own arguments and environment.
    name: "keydesk/environment-read-once",
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts"],
    ignores: ["lib/env.ts", "lib/log.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment through env() from lib/env.ts." },
      ],
    },
  },

  {
    name: "keydesk/javascript",
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: {
      sourceType: "module",
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
]);
