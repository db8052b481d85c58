"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { createStore } from "@/lib/stores/create-store";
import { removeStore } from "@/lib/stores/remove-store";
import { replayStoreEvent } from "@/lib/stores/replay-store-event";
import { rotateStoreSecret } from "@/lib/stores/rotate-store-secret";
import { ZNewStore, ZReplayEvent, ZRotateSecret, ZSetStoreDisabled, ZStoreRef } from "@/lib/stores/schemas";
import { setStoreDisabled } from "@/lib/stores/set-store-disabled";

const PAGE = "/agent/stores";

/** Registers a store; the form then shows the webhook URL to paste into the provider. */
export const createStoreAction = adminAction(ZNewStore, async ({ actor, input, meta }) => {
  const store = await createStore(actor, input, meta);
  revalidatePath(PAGE);
  return {
    status: "success",
    message: store.secretMissing
      ? `Added ${store.name}. Paste the URL into ${store.providerLabel}, then set the signing secret it shows.`
      : `Added ${store.name}. Paste the URL into ${store.providerLabel}.`,
    data: { webhookUrl: store.webhookUrl },
  };
});

/**
 * Sets a new signing secret (or, for a store whose secret is its URL's token, makes a new URL);
 * the previous one keeps working for 24 hours.
 */
export const rotateSecretAction = adminAction(ZRotateSecret, async ({ actor, input, meta }) => {
  const { previousUntil, secretInUrl } = await rotateStoreSecret(actor, input, meta);
  revalidatePath(PAGE);
  if (secretInUrl) {
    return {
      status: "success",
      message: "New webhook URL made: paste it into the store. The previous URL works for 24 more hours.",
    };
  }
  return {
    status: "success",
    message: previousUntil ? "New secret saved. The previous one is accepted for 24 more hours." : "Secret saved.",
  };
});

/** Stops or resumes taking a store's deliveries. */
export const setStoreDisabledAction = adminAction(ZSetStoreDisabled, async ({ actor, input, meta }) => {
  await setStoreDisabled(actor, input, meta);
  revalidatePath(PAGE);
  return { status: "success", message: input.disabled === "true" ? "Store disabled." : "Store enabled." };
});

/** Removes a store and its events log (its orders stay). */
export const removeStoreAction = adminAction(ZStoreRef, async ({ actor, input, meta }) => {
  const { name } = await removeStore(actor, input, meta);
  revalidatePath(PAGE);
  return { status: "success", message: `Removed ${name}.` };
});

/** Runs a failed or waiting event again from its stored payload. */
export const replayEventAction = adminAction(ZReplayEvent, async ({ actor, input, meta }) => {
  const result = await replayStoreEvent(actor, input, meta);
  revalidatePath(`${PAGE}/${input.storeId}`);
  return result.outcome === "failed"
    ? { status: "error", message: `Still failing: ${result.reason ?? "see the log"}` }
    : { status: "success", message: `Replayed: ${result.outcome}.` };
});
