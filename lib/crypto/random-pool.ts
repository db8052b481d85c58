import "server-only";
import { randomBytes } from "node:crypto";

// One call to the system's CSPRNG per 16 KiB instead of one per id or IV: a bulk import asks for
// hundreds of thousands of small random values, and each randomBytes call costs more than the bytes.
const POOL_BYTES = 16 * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `n` bytes from the CSPRNG (crypto.randomBytes), handed out from a pool: every byte is given out
 * once, and a used-up pool is replaced (never refilled) so earlier views stay unchanged. The result
 * is a view: copy it to keep it beyond immediate use (ids and IVs are encoded or copied at once).
 */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}
