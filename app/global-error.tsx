"use client";

import "./globals.css";

/** Last-resort page when even the root layout fails; it renders its own document (and, as the
 *  brand could not be read, names nobody). */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <html lang="en">
      <body>
        <title>Something went wrong</title>
        <main id="main" className="status-page">
          <div className="status-page__box">
            <p className="status-page__code">Error</p>
            <h1>This site is having trouble</h1>
            <p>The page could not be shown. Please try again in a moment.</p>
            {digest ? (
              <p className="small">
                Reference: <code className="mono">{digest}</code>
              </p>
            ) : null}
            <div className="status-page__actions">
              <button type="button" className="btn btn--primary" onClick={() => retry()}>
                Try again
              </button>
              {/* A full page load on purpose: the app shell itself failed. */}
              <a href="/" className="btn btn--secondary">
                Go to the home page
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
