// The proof-of-work search, shared by the Web Worker (pow-worker.ts) and the main-thread fallback:
// hashes salt + n for n = 0, 1, … in batches until one matches the challenge (ALTCHA-style).
import { sha256Hex } from "./sha256";

export interface TPowPuzzle {
  challenge: string;
  salt: string;
  maxNumber: number;
}

const BATCH = 500;

/** Finds the number, reporting progress (0–1) after each batch; `pause` runs between batches. */
export async function solvePow(
  puzzle: TPowPuzzle,
  onProgress: (fraction: number) => void,
  pause: () => Promise<void> = () => Promise.resolve(),
): Promise<number | null> {
  const subtle = globalThis.crypto?.subtle;
  const encoder = new TextEncoder();
  const hash = async (text: string) => {
    if (!subtle) return sha256Hex(encoder.encode(text));
    const digest = await subtle.digest("SHA-256", encoder.encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  };
  for (let start = 0; start <= puzzle.maxNumber; start += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, puzzle.maxNumber - start + 1) }, (_, i) => start + i);
    const hashes = await Promise.all(numbers.map((n) => hash(`${puzzle.salt}${n}`)));
    const found = hashes.indexOf(puzzle.challenge);
    if (found >= 0) return numbers[found] ?? null;
    onProgress((start + BATCH) / (puzzle.maxNumber + 1));
    await pause();
  }
  return null;
}
