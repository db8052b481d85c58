import type { TItemDownloads } from "@/lib/downloads/list-order-downloads";
import { formatBytes } from "@/app/_components/format";
import { DownloadButton } from "./download-button";

const UNAVAILABLE: Record<NonNullable<TItemDownloads["unavailableReason"]>, string> = {
  order_refunded: "This order was refunded or cancelled, so its downloads are no longer available.",
  item_refunded: "This item was refunded, so its downloads are no longer available.",
  keys_revoked: "The licence for this item was revoked, so its downloads are no longer available.",
};

/** The files of one item with their size, version and SHA-256, each with a Download button. */
export function ItemDownloads({
  downloads,
  orderItemId,
}: {
  downloads: TItemDownloads | undefined;
  orderItemId: string;
}) {
  if (!downloads) return null;
  if (downloads.unavailableReason) return <p className="small muted">{UNAVAILABLE[downloads.unavailableReason]}</p>;
  if (downloads.files.length === 0) return <p className="small muted">No files to download for this item.</p>;
  return (
    <ul className="plain-list stack">
      {downloads.files.map((file) => (
        <li key={file.fileId}>
          <div className="stack stack--sm">
            <div className="stack stack--sm">
              <span>
                <strong>{file.fileName}</strong>{" "}
                <span className="muted small">
                  version {file.version} · {formatBytes(file.size)}
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
