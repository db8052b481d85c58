import { useTranslations } from "next-intl";
import { Badge } from "./badge";
import { IconCopy, IconDownload, IconEye } from "./icons";

/** The home page's picture of an order page (an illustration: example data, not a real order). */
export function HomePreview() {
  const t = useTranslations("home.preview");
  return (
    <div className="preview" role="img" aria-label={t("label")}>
      <div className="preview__bar">
        <span>{t("bar")}</span>
        <span>{t("example")}</span>
      </div>
      <div className="preview__body">
        <div className="preview__row">
          <div>
            <p className="preview__title">{t("order", { number: "100234" })}</p>
            <p className="preview__meta">{t("meta")}</p>
          </div>
          <Badge status="paid" />
        </div>
        <div className="preview__item">
          <div className="preview__row">
            <p className="preview__title">{t("item")}</p>
            <span className="preview__meta">{t("price")}</span>
          </div>
          <div className="preview__key">
            <code className="secret__value secret__value--masked">•••••-•••••-•••••-12345</code>
            <span className="preview__chip">
              <IconEye />
              {t("reveal")}
            </span>
            <span className="preview__chip">
              <IconCopy />
              {t("copy")}
            </span>
          </div>
          <div className="preview__download">
            <IconDownload />
            <span>{t("file")}</span>
          </div>
        </div>
        <div className="preview__row">
          <p className="preview__meta">{t("duplicate", { number: "100235" })}</p>
          <Badge status="refund_requested" />
        </div>
      </div>
    </div>
  );
}
