"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { unsubscribeByToken } from "@/lib/newsletter/unsubscribe";

/** The button of the unsubscribe page (works without signing in; the link is signed). */
export const unsubscribe = formAction(
  z.object({ token: z.string().max(200) }),
  async ({ token }): Promise<TFormState> => {
    const h = await headers();
    await unsubscribeByToken({ token, via: "unsubscribe_page", ip: clientIp(h), userAgent: userAgentOf(h) });
    return { status: "success", message: "You are unsubscribed. You will get no more newsletters from us." };
  },
);
