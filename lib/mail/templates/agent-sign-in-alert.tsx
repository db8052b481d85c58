import "server-only";
import { Action, MailLayout, P } from "@/lib/mail/layout";
import { type TMailContext, type TMailView } from "@/lib/mail/mail-context";

// Mails to agents are written in English, like the console (render them with an "en" context).

/** Failed passwords in a row on a console account: to the agent (`own`) or to the other admins. */
export function agentSignInAlertMail(
  ctx: TMailContext,
  props: { to: "own" | "admin"; failures: number; agentName: string; url: string },
): TMailView {
  const own = props.to === "own";
  return {
    subject: own ? "Failed sign-ins to your console account" : "Failed sign-ins to an agent's console account",
    element: (
      <MailLayout
        ctx={ctx}
        preheader={
          own
            ? "Someone is trying passwords on your console account."
            : "Someone is trying passwords on an agent's account."
        }
        heading={own ? "Failed sign-ins to your account" : "Failed sign-ins to an agent's account"}
        reason={`You get this mail because you are ${own ? "an agent" : "an admin"} of ${ctx.brand.name}'s support console.`}
      >
        {own ? (
          <>
            <P>{`${props.failures} sign-ins to your console account failed in a row, with a wrong password.`}</P>
            <P>
              If that was not you, someone is guessing your password. Each further failure makes them wait longer; your
              account stays open to you. Choose a long, unique password, and add a passkey or an authenticator app if
              you have not.
            </P>
          </>
        ) : (
          <>
            <P>{`${props.failures} sign-ins to the console account of ${props.agentName} failed in a row, with a wrong password.`}</P>
            <P>The account is slowed down, not locked. The audit log shows the attempts and where they came from.</P>
          </>
        )}
        <Action ctx={ctx} label={own ? "Open your security settings" : "Open the audit log"} url={props.url} />
      </MailLayout>
    ),
  };
}
