import type { Metadata } from "next";
import { signOutAgent } from "@/app/agent/actions";
import { requireAgent } from "@/lib/auth/guards";
import { ConsoleFrame } from "./_components/console-frame";

export const metadata: Metadata = {
  title: { default: "Console", template: "%s · Keydesk Console" },
  robots: { index: false, follow: false },
};

// Every console page is behind this guard (and each page, action and lib use case checks again).
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const agent = await requireAgent();
  return (
    <ConsoleFrame agent={{ name: agent.name, email: agent.email, role: agent.role }} signOutAction={signOutAgent}>
      {children}
    </ConsoleFrame>
  );
}
