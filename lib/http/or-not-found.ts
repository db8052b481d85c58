import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** Awaits a lib call for a page; an AppError "not_found" (or "forbidden") becomes the 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}
