import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { systemMeta } from "@/lib/http/request-meta";
import { createStore } from "@/lib/stores/create-store";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const USAGE = "Usage: npm run keydesk -- store:add --provider P --name N [--secret S] [--api-key K] [--api-base URL]";

/** store:add — registers a store and prints its webhook URL on a line of its own. */
export async function run(args: string[]): Promise<void> {
  let values: { provider?: string; name?: string; secret?: string; "api-key"?: string; "api-base"?: string };
  try {
    values = parseArgs({
      args,
      options: {
        provider: { type: "string" },
        name: { type: "string" },
        secret: { type: "string" },
        "api-key": { type: "string" },
        "api-base": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!values.provider || !values.name) throw new AppError("invalid_input", USAGE);
  await prepareDatabase();
  const store = await createStore(
    CLI_ACTOR,
    {
      provider: values.provider,
      name: values.name,
      secret: values.secret,
      apiKey: values["api-key"],
      apiBase: values["api-base"],
    },
    systemMeta(),
  );
  console.log(
    `Added ${store.provider} store ${store.name} (id ${store.id}). Paste this webhook URL into ${store.providerLabel}:`,
  );
  console.log(store.webhookUrl);
  if (store.secretInUrl) {
    console.log("The token in this URL is the store's secret: keep it private (make a new one at /agent/stores).");
  }
  if (store.secretMissing) {
    console.log("Then set the signing secret the provider shows at /agent/stores (until then deliveries get 401).");
  }
}
