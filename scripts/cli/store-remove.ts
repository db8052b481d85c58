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
  // Store ids are base64url and one in 64 starts with "-", which parseArgs takes for an option
  // ("--id -Ab…" is ambiguous to it): the word after --id is always its value.
  const at = args.indexOf("--id");
  const joined =
    at >= 0 && at + 1 < args.length ? [...args.slice(0, at), `--id=${args[at + 1]}`, ...args.slice(at + 2)] : args;
  try {
    id = parseArgs({ args: joined, options: { id: { type: "string" } }, strict: true, allowPositionals: false }).values
      .id;
  } catch (error) {
    throw new AppError("invalid_input", `${error instanceof Error ? error.message : "Bad arguments"}. ${USAGE}`);
  }
  if (!id) throw new AppError("invalid_input", USAGE);
  await prepareDatabase();
  const removed = await removeStore(CLI_ACTOR, { storeId: id }, systemMeta());
  console.log(`Removed store ${removed.name} (its orders stay).`);
}
