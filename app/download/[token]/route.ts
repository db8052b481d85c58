// GET|HEAD /download/[token] – stream a product file for a valid download link
import { z } from "zod";
import { fileRoute } from "@/lib/http/routes";
import { serveDownload } from "@/lib/downloads/serve-download";

export const dynamic = "force-dynamic";

// Any token shape is accepted here: a bad one gets the "link does not work" page from lib, not a JSON 400.
const ZParams = z.object({ token: z.string() });

/** One handler per method; the link itself is the authorization (auth "public"). */
function serve(method: "GET" | "HEAD") {
  return fileRoute({
    auth: "public",
    params: ZParams,
    handler: ({ request, params, meta }) =>
      serveDownload(
        {
          token: params.token,
          method,
          range: request.headers.get("range"),
          ifRange: request.headers.get("if-range"),
        },
        meta,
      ),
  });
}

export const GET = serve("GET");

// Explicit, so a HEAD is never answered by running GET (which would count a download).
export const HEAD = serve("HEAD");
