// GET /brand/theme/<rrggbb>.css – the brand colour as CSS custom properties (public; the colour is in the URL, so cached for ever)
import { z } from "zod";
import { fileRoute } from "@/lib/http/routes";
import { brandThemeCss } from "@/lib/branding/theme-css";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  params: z.object({ file: z.string().max(20) }),
  handler: ({ params }) => {
    const css = brandThemeCss(params.file);
    return Promise.resolve(
      css === null
        ? new Response("Not found.\n", {
            status: 404,
            headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
          })
        : new Response(css, {
            headers: {
              "Content-Type": "text/css; charset=utf-8",
              "Cache-Control": "public, max-age=31536000, immutable",
              "X-Content-Type-Options": "nosniff",
            },
          }),
    );
  },
});
