import { Badge } from "./badge";
import { IconCopy, IconDownload, IconEye } from "./icons";

/** The home page's picture of an order page (an illustration: example data, not a real order). */
export function HomePreview() {
  return (
    <div
      className="preview"
      role="img"
      aria-label="Example of an order page: a paid order with a hidden licence key that can be revealed or copied, and an installer download."
    >
      <div className="preview__bar">
        <span>Your orders</span>
        <span>Example</span>
      </div>
      <div className="preview__body">
        <div className="preview__row">
          <div>
            <p className="preview__title">Order 100234</p>
            <p className="preview__meta">1 November · via online store</p>
          </div>
          <Badge status="paid" />
        </div>
        <div className="preview__item">
          <div className="preview__row">
            <p className="preview__title">Photo Studio Pro · 1 licence</p>
            <span className="preview__meta">€49.00</span>
          </div>
          <div className="preview__key">
            <code className="secret__value secret__value--masked">•••••-•••••-•••••-12345</code>
            <span className="preview__chip">
              <IconEye />
              Reveal
            </span>
            <span className="preview__chip">
              <IconCopy />
              Copy
            </span>
          </div>
          <div className="preview__download">
            <IconDownload />
            <span>photo-studio-pro-5.2-setup.exe · 84 MB</span>
          </div>
        </div>
        <div className="preview__row">
          <p className="preview__meta">Duplicate order 100235</p>
          <Badge status="refund_requested" />
        </div>
      </div>
    </div>
  );
}
