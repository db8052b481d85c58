import type { TBuyerLicenseKey } from "@/lib/orders/get-buyer-order";
import { Badge } from "@/app/_components/badge";
import { RevealSecret } from "@/app/_components/reveal-secret";
import { formatDate } from "@/app/_components/format";
import { revealKey } from "../actions";

/** The licence keys of one item: active ones masked with Reveal/Copy, revoked ones struck through. */
export function LicenseKeyList({ keys, productName }: { keys: TBuyerLicenseKey[]; productName: string }) {
  if (keys.length === 0) return <p className="small muted">This item has no licence key.</p>;
  return (
    <ul className="plain-list stack stack--sm">
      {keys.map((key, index) => {
        const label = `Licence key${keys.length > 1 ? ` ${index + 1}` : ""} for ${productName}`;
        return (
          <li key={key.id}>
            {key.status === "active" ? (
              <RevealSecret masked={key.masked} label={label} reveal={revealKey.bind(null, { keyId: key.id })} />
            ) : (
              <div className="secret" role="group" aria-label={`${label} (revoked)`}>
                <code className="secret__value secret__value--revoked">{key.masked}</code>
                <Badge status="revoked" />
                <span className="small muted">
                  {key.revokedAt ? `Revoked on ${formatDate(key.revokedAt)}` : "Revoked"} — this key no longer works.
                </span>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
