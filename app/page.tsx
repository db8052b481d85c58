import { Button } from "./_components/button";
import { Container } from "./_components/container";
import { HomePreview } from "./_components/home-preview";
import { IconArrowRight, IconChat, IconKey, IconMail, IconRefund, IconShield } from "./_components/icons";
import { PublicShell } from "./_components/public-shell";

const REASSURANCES = [
  {
    icon: <IconMail />,
    title: "Only the e-mail you bought with",
    text: "No account and no password. We send a one-time sign-in link to the address on your order, so only you can open it.",
  },
  {
    icon: <IconKey />,
    title: "Keys and installers again in a minute",
    text: "Lost the confirmation e-mail? See every licence key, copy it, or download the installer again with a fresh link.",
  },
  {
    icon: <IconRefund />,
    title: "Refunds for accidental duplicate orders",
    text: "Bought the same thing twice by mistake? Ask for a refund of the extra order right from the order page.",
  },
];

const STEPS = [
  {
    title: "Enter your e-mail",
    text: "Use the address you bought with. We never say whether it is on file — that keeps it private.",
  },
  {
    title: "Open the sign-in link",
    text: "It usually arrives within a minute. It works once and expires soon after, so nobody else can use it.",
  },
  {
    title: "See your orders",
    text: "Every order from every store, newest first, with keys, downloads and refund status.",
  },
];

export default function HomePage() {
  return (
    <PublicShell bare>
      <section className="hero" aria-labelledby="hero-title">
        <Container>
          <div className="hero__grid">
            <div className="stack stack--lg">
              <p className="hero__eyebrow">
                <IconShield />
                Self-service help for your purchases
              </p>
              <div className="stack">
                <h1 id="hero-title">Find your orders, licence keys and downloads</h1>
                <p className="hero__lead">
                  Lost a licence key or need the installer again? Enter the e-mail address you bought with and we’ll
                  send you a secure sign-in link. No account needed.
                </p>
              </div>
              <div className="hero__actions">
                <Button href="/lookup" variant="primary" iconEnd={<IconArrowRight />}>
                  Find my orders
                </Button>
                <Button href="/support/new" icon={<IconChat />}>
                  Contact support
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
            <h2 id="why-title">Your purchase, back in your hands</h2>
            <p>Everything you need after buying, without waiting for an answer by e-mail.</p>
          </div>
          <ul className="features plain-list">
            {REASSURANCES.map((item) => (
              <li key={item.title} className="feature">
                <span className="feature__icon">{item.icon}</span>
                <h3>{item.title}</h3>
                <p>{item.text}</p>
              </li>
            ))}
          </ul>
        </Container>
      </section>

      <section className="section" aria-labelledby="how-title">
        <Container>
          <div className="section__header">
            <h2 id="how-title">How it works</h2>
            <p>Three steps, about a minute.</p>
          </div>
          <ol className="steps">
            {STEPS.map((step) => (
              <li key={step.title}>
                <h3>{step.title}</h3>
                <p>{step.text}</p>
              </li>
            ))}
          </ol>
        </Container>
      </section>

      <section className="section" aria-labelledby="help-title">
        <Container>
          <div className="callout">
            <div className="stack stack--sm">
              <h2 id="help-title">Something else?</h2>
              <p>
                Questions about a key, a download, billing or your details go straight to our support team through a
                secure form — not by plain e-mail.
              </p>
            </div>
            <Button href="/support/new">Contact support</Button>
          </div>
        </Container>
      </section>
    </PublicShell>
  );
}
