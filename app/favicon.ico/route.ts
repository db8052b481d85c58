// GET /favicon.ico – the vendor's logo, or the default icon (always 200: some browsers ask for it whatever the page links)
import { fileRoute } from "@/lib/http/routes";
import { getFavicon } from "@/lib/branding/favicon";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  handler: async () => {
    const icon = await getFavicon();
    return new Response(new Uint8Array(icon.bytes), {
      headers: {
        "Content-Type": icon.type,
        "Content-Length": String(icon.bytes.length),
        // Short: the address stays the same when the logo changes.
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
