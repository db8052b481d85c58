import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientMessages } from "@/app/_components/client-messages";
import { signOutAgent } from "@/app/agent/actions";
import { requireAgent } from "@/lib/auth/guards";
import { getConsoleNotices } from "@/lib/system/get-console-notices";
import { ConsoleFrame } from "./_components/console-frame";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Keydesk Console" },
  robots: { index: false, follow: false },
};

// Every console page is behind this guard (and each page, action and lib use case checks again).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgent();
  const notices = getConsoleNotices(agent);
  // The console's client components read the `console` namespace too (English, see i18n/request.ts).
  const messages = clientMessages(await getMessages(), { console: true });
  return (
    <NextIntlClientProvider messages={messages}>
      <ConsoleFrame
        agent={{ name: agent.name, email: agent.email, role: agent.role }}
        signOutAction={signOutAgent}
        devMailbox={notices.devMailbox}
      >
        {children}
      </ConsoleFrame>
    </NextIntlClientProvider>
  );
}
