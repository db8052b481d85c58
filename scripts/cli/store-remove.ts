import { parseArgs } from "node:util";
import { AppError } from "@/lib/errors";
import { systemMeta } from "@/lib/http/request-meta";
import { removeStore } from "@/lib/stores/remove-store";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const USAGE = "Usage: npm run keydesk -- store:remove --id ID";

/** store:remove — removes a store and its events log; its orders stay. */
export async function run(args: string[]): Promise<void> {
  let id: string | undefined;
  try {
    id = parseArgs({ args, options: { id: { type: "string" } }, strict: true, allowPositionals: false }).values.id;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!id) throw new AppError("invalid_input", USAGE);
  await prepareDatabase();
  const removed = await removeStore(CLI_ACTOR, { storeId: id }, systemMeta());
  console.log(`Removed store ${removed.name} (its orders stay).`);
}
