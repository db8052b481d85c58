// Stores are managed by admins only: every store use case checks the actor itself (assertAdmin),
// whoever calls it, so a plain agent reaching one — past the console's requireAdmin — reads no
// store, secret or event and changes nothing.
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { TAdminSession } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { createStore } from "@/lib/stores/create-store";
import { getStoreLog } from "@/lib/stores/get-store-log";
import { getStoresPage } from "@/lib/stores/get-stores-page";
import { listStores } from "@/lib/stores/list-stores";
import { removeStore } from "@/lib/stores/remove-store";
import { replayStoreEvent } from "@/lib/stores/replay-store-event";
import { rotateStoreSecret } from "@/lib/stores/rotate-store-secret";
import { setStoreDisabled } from "@/lib/stores/set-store-disabled";
import { errorOf, givenAgent, meta } from "@/test/helpers/actors";
import { deliver, givenStore } from "@/test/helpers/stores";

const SECRET = "whsec_admin_only_0123456789";

describe("store use cases", () => {
  it("refuse a plain agent, reading and changing nothing", async () => {
    const store = await givenStore("stripe", { secret: SECRET });
    // One failed event to replay: signed by the store, but not an event Keydesk can read.
    const body = "{not json";
    const signature = new Stripe("sk_test_admin_only").webhooks.generateTestHeaderString({
      payload: body,
      secret: SECRET,
    });
    await deliver(store.id, body, { "content-type": "application/json", "stripe-signature": signature });
    const failed = await db().storeEvent.findFirstOrThrow({ where: { storeId: store.id, outcome: "failed" } });
    const before = await db().store.findUniqueOrThrow({ where: { id: store.id } });
    const stores = await db().store.count();

    // The types say "admin"; the check must hold at run time too (an agent whose role changed, a new caller).
    const agent = (await givenAgent("agent")) as TAdminSession;
    const ref = { storeId: store.id };
    const refusals = [
      createStore(agent, { provider: "stripe", name: `agent-made-${Date.now()}`, secret: SECRET }, meta()),
      listStores(agent),
      getStoresPage(agent),
      getStoreLog(agent, store.id),
      rotateStoreSecret(agent, { ...ref, secret: "whsec_agent_rotated_0123" }, meta()),
      setStoreDisabled(agent, { ...ref, disabled: "true" }, meta()),
      replayStoreEvent(agent, { ...ref, eventId: failed.id }, meta()),
      removeStore(agent, ref, meta()),
    ];
    for (const refusal of refusals) expect((await errorOf(refusal)).code).toBe("forbidden");

    expect(await db().store.count()).toBe(stores);
    expect(await db().store.findUniqueOrThrow({ where: { id: store.id } })).toEqual(before);
    expect(await db().storeEvent.findUniqueOrThrow({ where: { id: failed.id } })).toEqual(failed);
    expect(await db().auditEvent.count({ where: { targetId: store.id, actorType: "agent" } })).toBe(0);

    // The same calls from an admin work (the refusals were about the actor, not the input).
    const admin = await givenAgent("admin");
    expect((await getStoreLog(admin, store.id)).events).toHaveLength(1);
  });
});
