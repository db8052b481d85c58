// GET /brand/logo/<sha256>.png|webp – the vendor's logo (public; named by its content hash, so cached for ever)
import { z } from "zod";
import { fileRoute } from "@/lib/http/routes";
import { readLogoFile } from "@/lib/branding/logo-store";

export const dynamic = "force-dynamic";

export const GET = fileRoute({
  auth: "public",
  params: z.object({ file: z.string().max(80) }),
  handler: ({ params }) => {
    const logo = readLogoFile(params.file);
    if (!logo) {
      return Promise.resolve(
        new Response("Not found.\n", {
          status: 404,
          headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
        }),
      );
    }
    return Promise.resolve(
      new Response(new Uint8Array(logo.bytes), {
        headers: {
          "Content-Type": logo.type,
          "Content-Length": String(logo.bytes.length),
          "Cache-Control": "public, max-age=31536000, immutable",
          "X-Content-Type-Options": "nosniff",
          "Content-Security-Policy": "default-src 'none'; sandbox",
        },
      }),
    );
  },
});
