import { currentBuyer } from "@/lib/auth/guards";
import { PublicShell } from "@/app/_components/public-shell";
import { signOutBuyer } from "./actions";

// The frame of the buyer pages. It only shows who is signed in; every page, action and lib use
// case checks the session (and ownership of each object) itself.
export default async function BuyerLayout({ children }: { children: React.ReactNode }) {
  const buyer = await currentBuyer();
  return (
    <PublicShell buyer={buyer ? { email: buyer.email } : null} signOutAction={signOutBuyer}>
      {children}
    </PublicShell>
  );
}
