"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { TPowChallenge } from "@/lib/pow/create-pow-challenge";
import { getPowChallenge } from "../actions";
import { sha256Hex } from "./sha256";

type TState = "working" | "ready" | "failed";

/** Hashes salt + n for n = 0, 1, … in batches until one matches the challenge (ALTCHA-style). */
async function solve(challenge: TPowChallenge): Promise<number | null> {
  const subtle = globalThis.crypto?.subtle;
  const encoder = new TextEncoder();
  const hash = async (text: string) => {
    if (!subtle) return sha256Hex(encoder.encode(text));
    const digest = await subtle.digest("SHA-256", encoder.encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  };
  const BATCH = 500;
  for (let start = 0; start <= challenge.maxNumber; start += BATCH) {
    const numbers = Array.from({ length: Math.min(BATCH, challenge.maxNumber - start + 1) }, (_, i) => start + i);
    const hashes = await Promise.all(numbers.map((n) => hash(`${challenge.salt}${n}`)));
    const found = hashes.indexOf(challenge.challenge);
    if (found >= 0) return numbers[found] ?? null;
  }
  return null;
}

/**
 * The self-hosted spam check for guests: fetches a signed puzzle from our server, solves it in the
 * browser (about a second of work, no third party, no tracking) and puts the answer into the form.
 * `round` changes after each failed submit, which fetches and solves a fresh puzzle.
 */
export function PowWidget({ round }: { round: number }) {
  const t = useTranslations("support.pow");
  const [result, setResult] = useState<{ round: number; state: TState; value: string } | null>(null);
  // A result of an earlier round counts as "working" on a fresh puzzle.
  const current = result?.round === round ? result : { state: "working" as TState, value: "" };
  const { state, value } = current;

  useEffect(() => {
    let cancelled = false;
    const setState = (next: TState, nextValue = "") => setResult({ round, state: next, value: nextValue });
    (async () => {
      const result = await getPowChallenge();
      if (!result.ok) {
        if (!cancelled) setState("failed");
        return;
      }
      const challenge = result.value;
      const number = await solve(challenge);
      if (cancelled) return;
      if (number === null) return setState("failed");
      const { algorithm, salt, signature } = challenge;
      setState("ready", btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, salt, number, signature })));
    })().catch(() => {
      if (!cancelled) setState("failed");
    });
    return () => {
      cancelled = true;
    };
  }, [round]);

  return (
    <div className="small muted" aria-live="polite">
      <input type="hidden" name="pow" value={value} />
      {t(state)}
    </div>
  );
}
