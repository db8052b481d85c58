import "server-only";
import path from "node:path";
import { env } from "@/lib/env";

const STORAGE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/**
 * The absolute path of a stored product file from its `storagePath` (a name inside DATA_DIR/files,
 * written by addProductFile), or null when the value could point anywhere else — a traversal
 * attempt or a damaged row is never followed.
 */
export function storedFilePath(storagePath: string): string | null {
  if (!STORAGE_NAME.test(storagePath) || storagePath.includes("..")) return null;
  const root = path.join(env().dataDir, "files");
  const resolved = path.resolve(root, storagePath);
  return path.dirname(resolved) === root ? resolved : null;
}
