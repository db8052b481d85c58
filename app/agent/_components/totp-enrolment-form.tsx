"use client";
import { useActionState, type ReactNode } from "react";
import { IDLE, type TFormState } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { CopyButton } from "@/app/_components/copy-button";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

/**
 * Sets up an authenticator app: the QR code (an SVG drawn on the server), the same secret as text
 * and as an otpauth:// link for apps on this device, and a field for the first code. Once the code
 * is confirmed, shows the ten recovery codes — the only time they are shown — and `after`.
 */
export function TotpEnrolmentForm({
  action,
  enrolment,
  after,
}: {
  action: (state: TFormState, formData: FormData) => Promise<TFormState>;
  enrolment: { secret: string; uri: string; qrSvg: string; sealed: string };
  after: ReactNode;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const codes = state.status === "success" ? (state.data?.recoveryCodes ?? "").split(" ").filter(Boolean) : [];
  if (codes.length > 0) {
    return (
      <div className="stack">
        <Alert tone="success">Your authenticator app is set up.</Alert>
        <h2>Your recovery codes</h2>
        <p>Each code signs you in once if you lose your phone. Keep them somewhere safe: they are shown only now.</p>
        <ul aria-label="Recovery codes" className="mono">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <div>
          <CopyButton value={codes.join("\n")} what="recovery codes" />
        </div>
        {after}
      </div>
    );
  }
  return (
    <form action={formAction} className="stack" noValidate>
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      <ol className="stack">
        <li>
          Scan this QR code with an authenticator app (for example 1Password, Aegis or Google Authenticator).
          {/* A data: image: the SVG is drawn on this server and never fetched from elsewhere. */}
          <div>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img
              src={`data:image/svg+xml;base64,${btoa(enrolment.qrSvg)}`}
              alt="QR code for your authenticator app"
              width={200}
              height={200}
            />
          </div>
        </li>
        <li>
          Or type this key into the app: <code data-testid="totp-secret">{enrolment.secret}</code>{" "}
          <CopyButton value={enrolment.secret} what="set-up key" /> — or{" "}
          <a href={enrolment.uri}>open it in an app on this device</a>.
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <input type="hidden" name="enrolment" value={enrolment.sealed} />
      <Field
        name="code"
        label="Code from your app"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={6}
        error={state.fieldErrors?.code}
      />
      <SubmitButton pendingLabel="Checking…">Turn on two-step sign-in</SubmitButton>
    </form>
  );
}
