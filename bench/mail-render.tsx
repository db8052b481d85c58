// What a buyer mail costs to render, per mail: the first render (loads React, React Email, the
// catalogues), a full render (React + text part) and the look-up mail as the worker renders it
// (once per language and brand, then only its link filled in).
//
//   NODE_ENV=production node --import tsx --conditions=react-server bench/mail-render.tsx
import { DEFAULT_BRAND } from "@/lib/branding/brand";
import { LOCALES } from "@/lib/i18n/locales";
import { mailContext } from "@/lib/mail/mail-context";
import { renderBrandedMail } from "@/lib/mail/render";
import { renderSlottedMail } from "@/lib/mail/slotted-render";
import { signInLinkMail } from "@/lib/mail/templates/sign-in-link";

const brand = {
  ...DEFAULT_BRAND,
  name: "Cloanto",
  supportEmail: "help@cloanto.example",
  company: "Cloanto Italia srl",
};
const url = (i: number) => `https://desk.example.com/lookup/verify?token=${i.toString(36).padStart(43, "x")}`;

function time(label: string, runs: number, fn: (i: number) => void) {
  const started = performance.now();
  for (let i = 0; i < runs; i++) fn(i);
  const ms = (performance.now() - started) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms/mail  (${Math.round(1000 / ms)} mails/s on one core)`);
}

time("first render (cold)", 1, () =>
  renderBrandedMail(mailContext("en", brand), (ctx) => signInLinkMail(ctx, { url: url(0), minutes: 15 })),
);
time("full render, sign-in link", 200, (i) =>
  renderBrandedMail(mailContext(LOCALES[i % LOCALES.length]!, brand), (ctx) =>
    signInLinkMail(ctx, { url: url(i), minutes: 15 }),
  ),
);
time("slotted render, sign-in link (the worker's)", 20_000, (i) =>
  renderSlottedMail(
    mailContext(LOCALES[i % LOCALES.length]!, brand),
    "buyer.sign_in_link",
    signInLinkMail,
    { url: url(i), minutes: 15 },
    ["url"],
  ),
);
