// GET|HEAD /download/[token] – stream a product file for a valid download link
import { serveDownload } from "@/lib/downloads/serve-download";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ token: string }> };

export async function GET(request: Request, { params }: TParams): Promise<Response> {
  return serveDownload(request, (await params).token, "GET");
}

// Explicit, so a HEAD is never answered by running GET (which would count a download).
export async function HEAD(request: Request, { params }: TParams): Promise<Response> {
  return serveDownload(request, (await params).token, "HEAD");
}
