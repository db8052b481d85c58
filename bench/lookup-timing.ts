// npm run bench:lookup [-- --requests=300]
//
// The known-vs-unknown timing check of POST /api/v1/lookup on its own (npm run bench runs it too,
// on the bench's bigger database): starts the production build with a fresh database, creates one
// order each for N buyers through the signed webhook, then times N look-ups of those known addresses
// against N unknown ones, interleaved, one at a time (see bench/support/lookup-timing-check.ts).
// Prints the medians next to the same-run reference GET /api/health. Loopback only; bounded by N.
import { startAppServer } from "../test/helpers/app-server";
import { checkLookupTiming } from "./support/lookup-timing-check";
import { postOrder, webhookOrder } from "./support/seed";

const requests = Number(process.argv.find((a) => a.startsWith("--requests="))?.slice(11) ?? 300);
if (!Number.isInteger(requests) || requests < 10 || requests > 2000) throw new Error("--requests must be 10…2000");

async function main() {
  const server = await startAppServer({ env: { TRUST_PROXY: "1", KEYDESK_WORKER: "off" } });
  try {
    process.stdout.write(`creating ${requests} buyers with an order each… `);
    const known = Array.from({ length: requests }, (_, i) => `known${i}@example.com`);
    for (const [i, email] of known.entries()) await postOrder(server, webhookOrder(email, String(900_000 + i)));
    console.log("done");
    const check = await checkLookupTiming(server, { known, requests, firstIp: 1 });
    const row = (label: string, kind: "health" | "known" | "unknown") =>
      `${label.padEnd(38)} ${check.medianMs[kind].toFixed(2).padStart(8)} ms ${check.p90Ms[kind].toFixed(2).padStart(8)} ms`;
    console.log(
      `\n${"case".padEnd(38)} ${"median".padStart(11)} ${"p90".padStart(11)}   (${requests} requests each, interleaved)`,
    );
    console.log(row("GET /api/health (reference)", "health"));
    console.log(row("POST /api/v1/lookup, known address", "known"));
    console.log(row("POST /api/v1/lookup, unknown address", "unknown"));
    console.log(`\nmedian difference known − unknown: ${check.gapMs.toFixed(2)} ms (goal: |difference| < 1 ms)`);
    console.log(`distinct answers (status + body): ${check.answers.length} → ${check.answers.join(" | ")}`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
