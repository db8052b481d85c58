// POST /account/export – "Download my data": the signed-in buyer's data as a JSON attachment.
import { fileRoute } from "@/lib/http/routes";
import { exportAccountData } from "@/lib/accounts/export-account-data";
import { env } from "@/lib/env";

/** A form post that cannot be answered with the file goes back to a page that says why. */
function backTo(path: string): Response {
  return new Response(null, { status: 303, headers: { Location: `${env().appUrl}${path}` } });
}

export const POST = fileRoute({
  auth: "buyer",
  sameOrigin: true,
  onError: (error) => {
    if (error.code === "unauthorized") return backTo("/lookup?signin=required");
    if (error.code === "rate_limited") return backTo("/account?export=limited#your-data");
    return undefined;
  },
  handler: async ({ actor, meta }) => {
    const { json, fileName } = await exportAccountData(actor, meta);
    return new Response(json, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  },
});
