// Unit tests get a fixed master secret and a private data directory, never the developer's ./data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

process.env.KEYDESK_SECRET = "a".repeat(64);
process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "keydesk-unit-"));
