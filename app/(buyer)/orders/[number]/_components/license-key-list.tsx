import { useLocale, useTranslations } from "next-intl";
import type { TBuyerLicenseKey } from "@/lib/orders/get-buyer-order";
import { Badge } from "@/app/_components/badge";
import { RevealSecret } from "@/app/_components/reveal-secret";
import { formatDate } from "@/app/_components/format";
import { revealKey } from "../actions";

/** The licence keys of one item: active ones masked with Reveal/Copy, revoked ones struck through. */
export function LicenseKeyList({ keys, productName }: { keys: TBuyerLicenseKey[]; productName: string }) {
  const t = useTranslations("order.keys");
  const locale = useLocale();
  if (keys.length === 0) return <p className="small muted">{t("none")}</p>;
  return (
    <ul className="plain-list stack stack--sm">
      {keys.map((key, index) => {
        const position = keys.length > 1 ? index + 1 : 0;
        const label = t("label", { position, product: productName });
        const what = t("what", { position, product: productName });
        return (
          <li key={key.id}>
            {key.status === "active" ? (
              <RevealSecret
                masked={key.masked}
                label={label}
                what={what}
                reveal={revealKey.bind(null, { keyId: key.id })}
              />
            ) : (
              <div className="secret" role="group" aria-label={t("revokedLabel", { label })}>
                <code className="secret__value secret__value--revoked">{key.masked}</code>
                <Badge status="revoked" />
                <span className="small muted">
                  {key.revokedAt ? t("revokedOn", { date: formatDate(key.revokedAt, "UTC", locale) }) : t("revoked")}
                </span>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
