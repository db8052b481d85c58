import { listStores } from "@/lib/stores/list-stores";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

/** store:list — every store: id, provider, name, state and webhook URL (never a secret). */
export async function run(): Promise<void> {
  await prepareDatabase();
  const stores = await listStores(CLI_ACTOR);
  if (stores.length === 0) {
    console.log("No stores yet. Add one with: npm run keydesk -- store:add --provider P --name N");
    return;
  }
  for (const store of stores) {
    const state = [
      store.disabled ? "disabled" : "enabled",
      store.needsSecret && !store.hasSecret ? "no secret yet" : null,
      store.badSignatureCount > 0 ? `${store.badSignatureCount} bad signatures` : null,
      store.events.failed > 0 ? `${store.events.failed} failed events` : null,
    ]
      .filter(Boolean)
      .join(", ");
    console.log(`${store.id}\t${store.provider}\t${store.name}\t${state}\t${store.webhookUrl}`);
  }
}
