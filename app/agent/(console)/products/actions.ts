"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { setProductFileActive } from "@/lib/products/set-product-file-active";
import { updateProduct } from "@/lib/products/update-product";
import { ZSetProductFileActiveInput, ZUpdateProductInput } from "@/lib/products/schemas";

/** Saves a product's refund window and download rules (admins only, audited). */
export const updateProductAction = adminAction(ZUpdateProductInput, async ({ actor, input, meta }) => {
  await updateProduct(actor, input, meta);
  revalidatePath("/agent/products");
  return { status: "success", message: "Saved. New download links use these settings." };
});

/** Withdraws a product file from buyers, or offers it again. */
export const setProductFileActiveAction = adminAction(ZSetProductFileActiveInput, async ({ actor, input, meta }) => {
  await setProductFileActive(actor, input, meta);
  revalidatePath("/agent/products");
  return { status: "success", message: input.active ? "File offered again." : "File withdrawn." };
});
