// POST /agent/products/[id]/files?name=N&version=V – upload a new file version (admins, same origin; raw body)
import { NextResponse } from "next/server";
import { requireAgentForApi } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { clientIp, isSameOrigin, userAgentOf } from "@/lib/http/client-info";
import { errorResponse } from "@/lib/http/json-route";
import { uploadProductFile } from "@/lib/products/upload-product-file";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    if (!isSameOrigin(request.headers)) throw new AppError("forbidden", "Cross-site request refused.");
    const agent = await requireAgentForApi();
    const query = new URL(request.url).searchParams;
    const length = request.headers.get("content-length");
    const file = await uploadProductFile({
      admin: agent,
      productId: (await params).id,
      fileName: query.get("name"),
      version: query.get("version"),
      declaredSize: length === null || !/^\d+$/.test(length) ? null : Number(length),
      body: request.body,
      ip: clientIp(request.headers),
      userAgent: userAgentOf(request.headers),
    });
    return NextResponse.json(
      { file },
      { status: file.result === "created" ? 201 : 200, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
