"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useBrand } from "./_components/brand-context";
import { BrandMark } from "./_components/brand-header";

/** The page shown when rendering a page fails: a friendly message, the reference to quote to
 *  support, retry and a way home — never the error's message or stack. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);
  const brand = useBrand();
  useEffect(() => {
    document.title = `Something went wrong · ${brand.name}`;
  }, [brand.name]);
  return (
    <main id="main" tabIndex={-1} className="status-page">
      <div className="status-page__box">
        <BrandMark name={brand.name} logoPath={brand.logoPath} />
        <p className="status-page__code">Error</p>
        <h1>Something went wrong on our side</h1>
        <p>
          Please try again in a moment. If it keeps happening, contact support
          {digest ? " and quote the reference below" : ""}.
        </p>
        {digest ? (
          <p className="small">
            Reference: <code className="mono">{digest}</code>
          </p>
        ) : null}
        <div className="status-page__actions">
          <button type="button" className="btn btn--primary" onClick={() => retry()}>
            Try again
          </button>
          <Link href="/" className="btn btn--secondary">
            Go to the home page
          </Link>
        </div>
      </div>
    </main>
  );
}

function digestOf(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string") {
    return error.digest;
  }
  return null;
}
