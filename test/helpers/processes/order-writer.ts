// A child process that keeps writing orders through the intake use case (as the webhook does) and
// prints "ack <externalId>" once each has committed — what a store would count as acknowledged.
// Stops at SIGTERM. Run with tsx --conditions=react-server and the test's DATABASE_URL/DATA_DIR.
import { ingestOrder } from "@/lib/orders/ingest-order";
import { disconnectDb } from "@/lib/db";

let stopping = false;
process.on("SIGTERM", () => {
  stopping = true;
});

for (let n = 1; !stopping; n++) {
  const externalId = `W-${process.pid}-${n}`;
  await ingestOrder(
    {
      source: "webshop",
      externalId,
      number: `W${n}`,
      placedAt: new Date().toISOString(),
      status: "paid",
      currency: "EUR",
      customer: { email: `writer${n % 50}@example.com`, name: "Load Writer" },
      items: [{ sku: "LOAD-1", name: "Load", quantity: 1, unitAmount: 100, licenseKeys: [`KEY-${n}`] }],
    },
    { type: "system", label: "order-writer" },
  );
  process.stdout.write(`ack ${externalId}\n`);
}
await disconnectDb();
process.exit(0);
