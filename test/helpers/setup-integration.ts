// Each integration test file runs against its own migrated database with its own master secret.
import { afterAll } from "vitest";
import { createTestDatabase } from "./test-database";
import { disconnectDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATA_DIR = database.dataDir;
process.env.KEYDESK_SECRET = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0xMjM0NTY3ODkw";
process.env.KEYDESK_WEBHOOK_SECRET = "whsec_integration_tests_only_123";
process.env.KEYDESK_RETRY_BASE_MS = "50";
resetEnvForTests();

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
