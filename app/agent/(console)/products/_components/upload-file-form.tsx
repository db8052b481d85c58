"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/alert";
import { buttonClassName } from "@/app/_components/button";
import { Field } from "@/app/_components/field";
import { formatBytes } from "@/app/_components/format";

const MAX_BYTES = 2 * 1024 ** 3;

type TUploadState = { status: "idle" | "uploading" } | { status: "done" | "error"; message: string };

/** Uploads a new file version: the file is sent as the raw request body (streamed to disk on the
 *  server, never buffered), name and version in the query string. */
export function UploadFileForm({ productId, productName }: { productId: string; productName: string }) {
  const router = useRouter();
  const [state, setState] = useState<TUploadState>({ status: "idle" });
  const fileId = `upload-${productId}-file`;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("file");
    const versionField = data.get("version");
    const version = typeof versionField === "string" ? versionField.trim() : "";
    if (!(file instanceof File) || file.size === 0)
      return setState({ status: "error", message: "Choose a file that is not empty." });
    if (file.size > MAX_BYTES) {
      return setState({
        status: "error",
        message: `${formatBytes(file.size)} is over the 2 GB browser limit; use npm run keydesk -- product:file on the server.`,
      });
    }
    setState({ status: "uploading" });
    try {
      const query = new URLSearchParams({ name: file.name, version });
      const response = await fetch(`/agent/products/${encodeURIComponent(productId)}/files?${query.toString()}`, {
        method: "POST",
        headers: { "Content-Type": "application/octet-stream" },
        body: file,
      });
      const json = (await response.json().catch(() => null)) as {
        file?: { fileName: string; version: string; result: string };
        error?: { message: string };
      } | null;
      if (!response.ok || !json?.file) {
        return setState({
          status: "error",
          message: json?.error?.message ?? `Upload failed (HTTP ${response.status}).`,
        });
      }
      form.reset();
      const verb = json.file.result === "created" ? "Added" : "Already registered:";
      setState({ status: "done", message: `${verb} ${json.file.fileName} ${json.file.version}.` });
      router.refresh();
    } catch {
      setState({ status: "error", message: "The upload was interrupted. Check the connection and try again." });
    }
  };

  const uploading = state.status === "uploading";
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="stack" noValidate>
      <fieldset className="fieldset">
        <legend>Add a file or a new version</legend>
        {state.status === "done" || state.status === "error" ? (
          <Alert tone={state.status === "done" ? "success" : "error"}>{state.message}</Alert>
        ) : null}
        <div className="grid-auto">
          <div className="field">
            <label htmlFor={fileId} className="field__label">
              File
            </label>
            <p id={`${fileId}-hint`} className="field__hint">
              Up to 2 GB here; larger files with the CLI.
            </p>
            <input id={fileId} name="file" type="file" required className="input" aria-describedby={`${fileId}-hint`} />
          </div>
          <Field
            id={`upload-${productId}-version`}
            name="version"
            label="Version"
            placeholder="1.0"
            hint="Letters, digits, . - + _"
            mono
          />
        </div>
        <div>
          <button
            type="submit"
            className={buttonClassName({ variant: "secondary", size: "sm" })}
            disabled={uploading}
            aria-busy={uploading || undefined}
          >
            {uploading ? "Uploading…" : "Upload file"} <span className="sr-only">for {productName}</span>
          </button>
        </div>
      </fieldset>
    </form>
  );
}
