import type { Metadata } from "next";
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
  return (
    <ConsoleFrame
      agent={{ name: agent.name, email: agent.email, role: agent.role }}
      signOutAction={signOutAgent}
      devMailbox={notices.devMailbox}
    >
      {children}
    </ConsoleFrame>
  );
}
