"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { buttonClassName } from "@/app/_components/button";
import { IconDownload } from "@/app/_components/icons";
import { requestDownloadLink } from "../actions";

/** Downloads one file: asks the server for a fresh link, then lets the browser
 *  fetch it (the file arrives as an attachment, so the page stays). Errors show next to it. */
export function DownloadButton({
  orderItemId,
  fileId,
  fileName,
}: {
  orderItemId: string;
  fileId: string;
  fileName: string;
}) {
  const t = useTranslations("order.downloads");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();

  const onClick = () => {
    setError(null);
    startTransition(async () => {
      const result = await requestDownloadLink({ orderItemId, productFileId: fileId });
      if (result.ok) window.location.assign(result.value);
      else setError(result.error);
    });
  };

  return (
    <div className="stack stack--sm">
      {/* The wrapper keeps the button its own width when an error appears below it. */}
      <div>
        <button
          type="button"
          className={buttonClassName({ variant: "primary", size: "sm" })}
          onClick={onClick}
          disabled={pending}
          aria-busy={pending || undefined}
          aria-describedby={error ? errorId : undefined}
        >
          <IconDownload />
          {pending ? t("preparing") : t("download")} <span className="sr-only">{fileName}</span>
        </button>
      </div>
      {error ? (
        <p id={errorId} className="small field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
