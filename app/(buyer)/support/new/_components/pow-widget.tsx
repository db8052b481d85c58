"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import type { TPowChallenge } from "@/lib/pow/create-pow-challenge";
import { getPowChallenge } from "../actions";
import { solvePow, type TPowPuzzle } from "./solve-pow";
import type { TPowWorkerMessage } from "./pow-worker";

type TState = "working" | "ready" | "failed";

/** The least time between two progress-bar updates. */
const PROGRESS_INTERVAL_MS = 250;

/** 0–100 while working, outside React state: only the progress bar re-renders, never the form. */
interface TProgress {
  get: () => number;
  set: (percent: number) => void;
  subscribe: (listener: () => void) => () => void;
}

function createProgress(): TProgress {
  let percent = 0;
  const listeners = new Set<() => void>();
  return {
    get: () => percent,
    set: (next) => {
      percent = next;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface TProofOfWork {
  state: TState;
  /** The form field's value once solved (base64 JSON), else "". */
  value: string;
  progress: TProgress;
  /** Resolves with the value once solved ("" when the check failed): the form's submit waits on it. */
  waitForValue: () => Promise<string>;
}

/**
 * Searches in a Web Worker, so the page never freezes; where a worker cannot start (an old browser,
 * a blocked script) it falls back to the main thread in small batches that yield between them.
 */
function startSolving(puzzle: TPowPuzzle, onProgress: (fraction: number) => void) {
  const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const onMainThread = () => solvePow(puzzle, onProgress, yieldToPage);
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL("./pow-worker.ts", import.meta.url), { type: "module" });
  } catch {
    return { result: onMainThread(), stop: () => undefined };
  }
  const running = worker;
  const result = new Promise<number | null>((resolve) => {
    running.onmessage = (event: MessageEvent<TPowWorkerMessage>) => {
      if (event.data.type === "progress") return onProgress(event.data.fraction);
      running.terminate();
      resolve(event.data.number);
    };
    running.onerror = () => {
      running.terminate();
      resolve(onMainThread());
    };
    running.postMessage({ challenge: puzzle.challenge, salt: puzzle.salt, maxNumber: puzzle.maxNumber });
  });
  return { result, stop: () => running.terminate() };
}

function encode(challenge: TPowChallenge, number: number): string {
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, salt, number, signature }));
}

/**
 * The self-hosted spam check for guests: fetches a signed puzzle from our server and solves it in
 * the background (no third party, no tracking). `round` changes after each failed submit, which
 * fetches and solves a fresh puzzle; `null` means no check (signed-in buyers).
 */
export function useProofOfWork(round: number | null): TProofOfWork {
  const [result, setResult] = useState<{ round: number; state: TState; value: string } | null>(null);
  const waiters = useRef<{ round: number; resolve: (value: string) => void }[]>([]);
  const [progress] = useState(createProgress);
  // A result of an earlier round counts as "working" on a fresh puzzle.
  const current = result?.round === round ? result : { state: "working" as TState, value: "" };

  useEffect(() => {
    if (round === null) return;
    let stop = () => undefined as void;
    let cancelled = false;
    progress.set(0);
    const update = (state: TState, value = "") => {
      if (cancelled) return;
      setResult({ round, state, value });
      for (const waiter of waiters.current.filter((w) => w.round === round)) waiter.resolve(value);
      waiters.current = waiters.current.filter((w) => w.round !== round);
    };
    (async () => {
      const fetched = await getPowChallenge();
      if (!fetched.ok) return update("failed");
      const challenge = fetched.value;
      let shown = 0;
      let shownAt = 0;
      const solving = startSolving(challenge, (fraction) => {
        // At most once per percent and four times a second: a slow phone's main thread is for the
        // visitor, not for drawing a progress bar (Lighthouse's blocking time).
        const percent = Math.min(99, Math.floor(fraction * 100));
        const now = performance.now();
        if (cancelled || percent <= shown || now - shownAt < PROGRESS_INTERVAL_MS) return;
        shownAt = now;
        progress.set((shown = percent));
      });
      stop = solving.stop;
      const number = await solving.result;
      update(number === null ? "failed" : "ready", number === null ? "" : encode(challenge, number));
    })().catch(() => update("failed"));
    return () => {
      cancelled = true;
      stop();
    };
  }, [round, progress]);

  const { state, value } = current;
  const waitForValue = useCallback((): Promise<string> => {
    if (round === null || state !== "working") return Promise.resolve(value);
    return new Promise((resolve) => waiters.current.push({ round, resolve }));
  }, [round, state, value]);
  return { ...current, progress, waitForValue };
}

/** The check's hidden field, a one-line status and a progress bar (the form stays usable while it works). */
export function PowStatus({ pow }: { pow: TProofOfWork }) {
  const t = useTranslations("support.pow");
  const percent = useSyncExternalStore(pow.progress.subscribe, pow.progress.get, () => 0);
  return (
    <div className="small muted">
      <input type="hidden" name="pow" value={pow.value} />
      <p aria-live="polite">{t(pow.state)}</p>
      {pow.state === "working" ? <progress max={100} value={percent} aria-label={t("progress")} /> : null}
    </div>
  );
}
