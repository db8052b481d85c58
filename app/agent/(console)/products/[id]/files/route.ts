// POST /agent/products/[id]/files?name=N&version=V – upload a new file version (admins, same origin; raw body)
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse, fileRoute } from "@/lib/http/routes";
import { uploadProductFile } from "@/lib/products/upload-product-file";
import { ZUploadFileQuery } from "@/lib/products/schemas";

export const dynamic = "force-dynamic";

export const POST = fileRoute({
  auth: "admin",
  sameOrigin: true,
  params: z.object({ id: z.string().min(1).max(64) }),
  query: ZUploadFileQuery,
  // The upload form shows only the message: keep naming what to correct.
  onError: (error) =>
    error.code === "invalid_input" && (error.fieldErrors?.name || error.fieldErrors?.version)
      ? errorResponse(
          new AppError("invalid_input", "Please correct the file name or version.", { fieldErrors: error.fieldErrors }),
        )
      : undefined,
  handler: async ({ request, actor, params, query, meta }) => {
    const { name, version } = query;
    const file = await uploadProductFile(
      actor,
      {
        productId: params.id,
        name,
        version,
        declaredSize: declaredLength(request.headers),
        body: request.body,
      },
      meta,
    );
    return NextResponse.json(
      { file },
      { status: file.result === "created" ? 201 : 200, headers: { "Cache-Control": "no-store" } },
    );
  },
});

/** Content-Length as a number, or null when it is missing or not a plain count. */
function declaredLength(headers: Headers): number | null {
  const length = headers.get("content-length");
  return length === null || !/^\d+$/.test(length) ? null : Number(length);
}
