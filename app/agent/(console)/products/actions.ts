"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { formAction } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { setProductFileActive } from "@/lib/products/set-product-file-active";
import { updateProduct } from "@/lib/products/update-product";

const ZId = z.string().min(1).max(64);

/** Saves a product's refund window and download rules (validated and audited by the use case). */
export const updateProductAction = formAction(
  z.object({ productId: ZId, refundWindowDays: z.string(), downloadTtlHours: z.string(), downloadLimit: z.string() }),
  async ({ productId, ...settings }) => {
    const admin = await requireAdmin();
    const requestHeaders = await headers();
    await updateProduct({
      admin,
      productId,
      settings,
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
    });
    revalidatePath("/agent/products");
    return { status: "success", message: "Saved. New download links use these settings." };
  },
);

/** Withdraws a product file from buyers, or offers it again. */
export const setProductFileActiveAction = formAction(
  z.object({ fileId: ZId, active: z.enum(["true", "false"]) }),
  async ({ fileId, active }) => {
    const admin = await requireAdmin();
    const requestHeaders = await headers();
    await setProductFileActive({
      admin,
      fileId,
      active: active === "true",
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
    });
    revalidatePath("/agent/products");
    return { status: "success", message: active === "true" ? "File offered again." : "File withdrawn." };
  },
);
