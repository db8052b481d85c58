import Link from "next/link";
import { LogoMark } from "./logo-mark";

/** The product name with its mark, linking home; `suffix` names a sub-product ("Console"). */
export function Logo({ href = "/", suffix }: { href?: string; suffix?: string }) {
  return (
    <Link href={href} className="logo">
      <LogoMark />
      <span>Keydesk{suffix ? <span className="logo__suffix"> {suffix}</span> : null}</span>
    </Link>
  );
}
