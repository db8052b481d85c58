import { useLocale, useTranslations } from "next-intl";
import type { TItemDownloads } from "@/lib/downloads/list-order-downloads";
import { formatBytes } from "@/app/_components/format";
import { DownloadButton } from "./download-button";

/** The files of one item with their size, version and SHA-256, each with a Download button. */
export function ItemDownloads({
  downloads,
  orderItemId,
}: {
  downloads: TItemDownloads | undefined;
  orderItemId: string;
}) {
  const t = useTranslations("order.downloads");
  const locale = useLocale();
  if (!downloads) return null;
  if (downloads.unavailableReason)
    return <p className="small muted">{t(`unavailable.${downloads.unavailableReason}`)}</p>;
  if (downloads.files.length === 0) return <p className="small muted">{t("none")}</p>;
  return (
    <ul className="plain-list stack">
      {downloads.files.map((file) => (
        <li key={file.fileId}>
          <div className="stack stack--sm">
            <div className="stack stack--sm">
              <span>
                <strong>{file.fileName}</strong>{" "}
                <span className="muted small">
                  {t("versionSize", { version: file.version, size: formatBytes(file.size, locale) })}
                </span>
              </span>
              <span className="small muted mono" style={{ overflowWrap: "anywhere" }}>
                SHA-256 {file.sha256}
              </span>
            </div>
            <div>
              <DownloadButton orderItemId={orderItemId} fileId={file.fileId} fileName={file.fileName} />
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
