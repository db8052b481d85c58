import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keydesk", template: "%s · Keydesk" },
  description: "Find your orders, licence keys and downloads, and talk to support.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
