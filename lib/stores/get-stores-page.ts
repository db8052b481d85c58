import "server-only";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { availableConnectors } from "@/lib/stores/connectors";
import { listStores, type TStoreListItem } from "@/lib/stores/list-stores";
import type { TAdminSession } from "@/lib/auth/types";

export interface TStoresPage {
  stores: TStoreListItem[];
  /** The providers a store can be added for, with their setup hints. */
  providers: { id: string; label: string; setupHint: string; needsSecret: boolean }[];
}

/** Everything the stores page shows (admins): the stores and the providers one can add. */
export async function getStoresPage(actor: TAdminSession): Promise<TStoresPage> {
  assertAdmin(actor);
  return {
    stores: await listStores(actor),
    providers: availableConnectors().map((c) => ({
      id: c.provider,
      label: c.label,
      setupHint: c.setupHint,
      needsSecret: c.needsSecret,
    })),
  };
}
