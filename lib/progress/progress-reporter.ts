// Progress of a long operator command (import, backup, restore, retention): on a terminal a bar
// redrawn in place with the count, the rate and the time left; otherwise (CI, logs, a pipe) one
// plain line every few seconds, so a log shows that the command is alive and how far it got.
import { progressLineEveryMs } from "@/lib/env";

export interface TProgressOptions {
  /** What is running, e.g. "orders:import". */
  label: string;
  /** What is counted, e.g. "orders". */
  unit: string;
  /** The count at the end, when known (else pass `fraction` to `update`). */
  total?: number;
  /** Where to draw (default: stderr, so stdout keeps only the command's result). */
  stream?: Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean; columns?: number };
  /** Milliseconds between lines when not on a terminal (default `KEYDESK_PROGRESS_SECONDS`, 5 s). */
  lineEveryMs?: number;
  now?: () => number;
}

export interface TProgress {
  /** `count` done so far; `fraction` (0…1) of the whole when the total is not a count (e.g. bytes read). */
  update(count: number, fraction?: number): void;
  /** Ends the bar (a final line with the count, the rate and the time taken). */
  finish(note?: string): void;
}

const TTY_REDRAW_MS = 100;
const BAR_WIDTH = 24;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

export function startProgress(options: TProgressOptions): TProgress {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const now = options.now ?? (() => performance.now());
  const lineEveryMs = options.lineEveryMs ?? progressLineEveryMs();
  const started = now();
  let lastDraw = -Infinity;
  let done = 0;
  let fraction: number | undefined;
  let drawn = false;

  const figures = () => {
    const seconds = Math.max((now() - started) / 1000, 1e-3);
    const rate = done / seconds;
    const share = fraction ?? (options.total ? done / options.total : undefined);
    const left = share && share > 0 ? (seconds * (1 - share)) / share : undefined;
    return { seconds, rate, share, left };
  };

  const text = (bar: boolean) => {
    const { rate, share, left } = figures();
    const of = options.total !== undefined ? `/${count(options.total)}` : "";
    const percent = share !== undefined ? `${Math.min(100, Math.floor(share * 100))}%` : "";
    const parts = [
      `${count(done)}${of} ${options.unit}`,
      `${count(rate)}/s`,
      left !== undefined ? `${formatDuration(left)} left` : "",
    ].filter(Boolean);
    if (!bar) return `${options.label}: ${percent ? `${percent}, ` : ""}${parts.join(", ")}`;
    const filled = share !== undefined ? Math.round(Math.min(1, share) * BAR_WIDTH) : 0;
    const gauge =
      share !== undefined ? `[${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}] ${percent.padStart(4)} ` : "";
    return `${options.label} ${gauge}${parts.join(" · ")}`;
  };

  return {
    update(n, share) {
      done = n;
      if (share !== undefined) fraction = Math.max(0, Math.min(1, share));
      const at = now();
      if (at - lastDraw < (tty ? TTY_REDRAW_MS : lineEveryMs)) return;
      lastDraw = at;
      drawn = true;
      if (tty) stream.write(`\r${text(true).slice(0, Math.max(20, (stream.columns ?? 100) - 1))}\x1b[K`);
      else stream.write(`${text(false)}\n`);
    },
    finish(note) {
      const { seconds, rate } = figures();
      const summary = `${options.label}: ${count(done)} ${options.unit} in ${formatDuration(seconds)} (${count(rate)}/s)${note ? `, ${note}` : ""}`;
      if (tty && drawn) stream.write(`\r\x1b[K${summary}\n`);
      else stream.write(`${summary}\n`);
    },
  };
}
