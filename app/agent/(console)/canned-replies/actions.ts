"use server";
import { orNotFound } from "@/lib/http/or-not-found";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { deleteCannedReply, saveCannedReply } from "@/lib/tickets/canned-replies";

/** Creates (no id) or updates a canned reply. */
export const saveCanned = formAction(
  z.object({ id: z.string().max(40).optional(), title: z.string().max(400), body: z.string().max(40_000) }),
  async (values): Promise<TFormState> => {
    const admin = await requireAdmin();
    await saveCannedReply({ admin, values: { ...values, id: values.id || undefined } });
    revalidatePath("/agent/canned-replies");
    return {
      status: "success",
      message: values.id ? "Saved." : "Canned reply added.",
      data: { savedAt: String(Date.now()) },
    };
  },
);

/** Deletes a canned reply. */
export async function deleteCanned(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const id = formData.get("id");
  await orNotFound(deleteCannedReply({ admin, id: (typeof id === "string" ? id : "").slice(0, 40) }));
  revalidatePath("/agent/canned-replies");
}
