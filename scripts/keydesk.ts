// Operator CLI: npm run keydesk -- <command> [options]
// Each command lives in scripts/cli/<command>.ts and exports `run(args)`. Exit code 0 on success;
// on failure one line on stderr and exit code 1.
import { isAppError } from "@/lib/errors";
import { disconnectDb } from "@/lib/db";

const COMMANDS: Record<string, { file: string; usage: string }> = {
  "agent:create": { file: "agent-create", usage: "agent:create --email E --name N --role admin|agent" },
  "orders:import": { file: "orders-import", usage: "orders:import FILE.csv|FILE.jsonl" },
  "product:file": { file: "product-file", usage: "product:file --sku S --file PATH [--version V]" },
  "store:add": {
    file: "store-add",
    usage: "store:add --provider P --name N [--secret S] [--api-key K] [--api-base URL]",
  },
  "store:list": { file: "store-list", usage: "store:list" },
  "store:remove": { file: "store-remove", usage: "store:remove --id ID" },
  "brand:set": {
    file: "brand-set",
    usage:
      'brand:set [--name N] [--color #RRGGBB] [--logo FILE.png | --no-logo] [--support-email E] [--privacy-url U] [--terms-url U] [--imprint-url U] [--company "legal name and address"] [--powered-by | --no-powered-by]',
  },
  "brand:show": { file: "brand-show", usage: "brand:show" },
  "mail:preview": { file: "mail-preview", usage: "mail:preview [--kind K|all] [--locale L|all] [--out DIR]" },
  worker: { file: "worker", usage: "worker" },
  migrate: { file: "migrate", usage: "migrate" },
  status: { file: "status", usage: "status" },
  backup: { file: "backup", usage: "backup --to FILE.tar[.gz] [--include-secret]" },
  restore: { file: "restore", usage: "restore --from FILE  (into an empty DATA_DIR)" },
  retention: { file: "retention", usage: "retention  (run the retention job now)" },
};

export interface TCommand {
  run: (args: string[]) => Promise<void>;
}

function usage(): string {
  return ["Usage: npm run keydesk -- <command>", ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join("\n");
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  if (!name || name === "help" || name === "--help") {
    console.log(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new Error(`Unknown command "${name}". Run npm run keydesk -- help`);
  const module = (await import(`./cli/${command.file}.ts`)) as TCommand;
  await module.run(args);
}

main()
  .then(() => disconnectDb())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    const message =
      isAppError(error) && error.fieldErrors
        ? `${error.message} ${Object.entries(error.fieldErrors)
            .map(([k, v]) => `${k}: ${v.join(", ")}`)
            .join("; ")}`
        : error instanceof Error
          ? error.message
          : String(error);
    const line =
      message
        .split("\n")
        .map((l) => l.trim())
        .find(Boolean) ?? "failed";
    console.error(`keydesk: ${line}`);
    await disconnectDb().catch(() => undefined);
    process.exit(1);
  });
