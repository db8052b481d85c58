import type { Metadata } from "next";
import { Button } from "@/app/_components/button";
import { IconDownload } from "@/app/_components/icons";
import { ZDownloadFailure, type TDownloadFailure } from "@/lib/downloads/schemas";

export const metadata: Metadata = { title: "Download link unavailable", robots: { index: false } };

const REASONS: Record<TDownloadFailure, { title: string; text: string }> = {
  invalid: {
    title: "This download link doesn’t work",
    text: "The link is incomplete or was changed. Copy it again in full, or get a fresh one from your order page.",
  },
  expired: {
    title: "This download link has expired",
    text: "Download links work for a limited time — 24 hours unless the vendor set otherwise. Get a fresh one from your order page.",
  },
  exhausted: {
    title: "This download link has been used up",
    text: "Each link can start a limited number of downloads, and this one has none left. Get a fresh one from your order page.",
  },
  revoked: {
    title: "This download is no longer available",
    text: "The purchase was refunded, cancelled or its licence revoked, so its files can no longer be downloaded. If you think this is a mistake, contact support.",
  },
  withdrawn: {
    title: "This file has been withdrawn",
    text: "The vendor replaced or withdrew this file. Your order page shows the files you can download now.",
  },
  missing: {
    title: "This file is temporarily unavailable",
    text: "We could not read the file on our side. Please try again later or contact support — your link has not been used.",
  },
};

/** Where a download link that cannot serve its file lands: what happened and how to get a new one. */
export default async function DownloadUnavailablePage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[] }>;
}) {
  const reason = ZDownloadFailure.parse((await searchParams).reason);
  const { title, text } = REASONS[reason];
  return (
    <div className="status-page">
      <div className="status-page__box">
        <p className="status-page__code">
          <IconDownload /> Download
        </p>
        <h1>{title}</h1>
        <p>{text}</p>
        <div className="status-page__actions">
          <Button href="/orders" variant="primary">
            Go to my orders
          </Button>
          <Button href="/lookup">Find my orders by e-mail</Button>
          {reason === "revoked" || reason === "missing" ? <Button href="/support/new">Contact support</Button> : null}
        </div>
      </div>
    </div>
  );
}
