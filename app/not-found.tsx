import type { Metadata } from "next";
import { Button } from "./_components/button";
import { PublicShell } from "./_components/public-shell";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <PublicShell bare>
      <div className="status-page">
        <div className="status-page__box">
          <p className="status-page__code">Error 404</p>
          <h1>We can’t find that page</h1>
          <p>
            The link may be mistyped or out of date. If you were looking for an order, licence key or download, you can
            find it again with the e-mail address you bought with.
          </p>
          <div className="status-page__actions">
            <Button href="/lookup" variant="primary">
              Find my orders
            </Button>
            <Button href="/">Go to the home page</Button>
          </div>
        </div>
      </div>
    </PublicShell>
  );
}
