import { useTranslations } from "next-intl";
import { Button } from "./_components/button";
import { Container } from "./_components/container";
import { HomePreview } from "./_components/home-preview";
import { IconArrowRight, IconChat, IconKey, IconMail, IconRefund, IconShield } from "./_components/icons";
import { PublicShell } from "./_components/public-shell";

const REASSURANCES = [
  { icon: <IconMail />, key: "emailOnly" },
  { icon: <IconKey />, key: "keysAgain" },
  { icon: <IconRefund />, key: "refunds" },
] as const;

const STEPS = ["enterEmail", "openLink", "seeOrders"] as const;

export default function HomePage() {
  const t = useTranslations("home");
  const common = useTranslations("common.nav");
  return (
    <PublicShell bare>
      <section className="hero" aria-labelledby="hero-title">
        <Container>
          <div className="hero__grid">
            <div className="stack stack--lg">
              <p className="hero__eyebrow">
                <IconShield />
                {t("eyebrow")}
              </p>
              <div className="stack">
                <h1 id="hero-title">{t("title")}</h1>
                <p className="hero__lead">{t("lead")}</p>
              </div>
              <div className="hero__actions">
                <Button href="/lookup" variant="primary" iconEnd={<IconArrowRight />}>
                  {common("findOrders")}
                </Button>
                <Button href="/support/new" icon={<IconChat />}>
                  {common("contactSupport")}
                </Button>
              </div>
            </div>
            <HomePreview />
          </div>
        </Container>
      </section>

      <section className="section" aria-labelledby="why-title">
        <Container>
          <div className="section__header">
            <h2 id="why-title">{t("why.title")}</h2>
            <p>{t("why.text")}</p>
          </div>
          <ul className="features plain-list">
            {REASSURANCES.map((item) => (
              <li key={item.key} className="feature">
                <span className="feature__icon">{item.icon}</span>
                <h3>{t(`why.${item.key}.title`)}</h3>
                <p>{t(`why.${item.key}.text`)}</p>
              </li>
            ))}
          </ul>
        </Container>
      </section>

      <section className="section" aria-labelledby="how-title">
        <Container>
          <div className="section__header">
            <h2 id="how-title">{t("how.title")}</h2>
            <p>{t("how.text")}</p>
          </div>
          <ol className="steps">
            {STEPS.map((step) => (
              <li key={step}>
                <h3>{t(`how.${step}.title`)}</h3>
                <p>{t(`how.${step}.text`)}</p>
              </li>
            ))}
          </ol>
        </Container>
      </section>

      <section className="section" aria-labelledby="help-title">
        <Container>
          <div className="callout">
            <div className="stack stack--sm">
              <h2 id="help-title">{t("help.title")}</h2>
              <p>{t("help.text")}</p>
            </div>
            <Button href="/support/new">{common("contactSupport")}</Button>
          </div>
        </Container>
      </section>
    </PublicShell>
  );
}
