"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { startRegistration } from "@simplewebauthn/browser";
import { Alert } from "@/app/_components/alert";
import { Button } from "@/app/_components/button";
import { Field } from "@/app/_components/field";
import { passkeyErrorMessage } from "@/app/agent/_components/passkey-sign-button";
import { addPasskeyAction, passkeyRegistrationOptionsAction } from "../actions";

/** Names a new passkey, lets the browser create it, and stores it (the list above then shows it). */
export function AddPasskeyForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [nameError, setNameError] = useState<string[] | undefined>(undefined);

  async function add(name: string): Promise<void> {
    setMessage(null);
    setNameError(undefined);
    if (name.trim() === "") {
      setNameError(["Give the passkey a name"]);
      return;
    }
    const options = await passkeyRegistrationOptionsAction({});
    if (!options.ok) return setMessage({ tone: "error", text: options.error });
    let response;
    try {
      response = await startRegistration({ optionsJSON: options.value.options });
    } catch (error) {
      return setMessage({ tone: "error", text: passkeyErrorMessage(error) });
    }
    const added = await addPasskeyAction({ challengeId: options.value.challengeId, name, response });
    if (!added.ok) return setMessage({ tone: "error", text: added.error });
    formRef.current?.reset();
    setMessage({ tone: "success", text: "Passkey added. You can now sign in with it." });
    router.refresh();
  }

  return (
    <form
      ref={formRef}
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const name = new FormData(event.currentTarget).get("passkeyName");
        setBusy(true);
        void add(typeof name === "string" ? name : "").finally(() => setBusy(false));
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field
        name="passkeyName"
        label="Name of the new passkey"
        hint="So you can tell your passkeys apart, e.g. “Work laptop” or “Phone”."
        maxLength={60}
        required
        error={nameError}
      />
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Waiting for your passkey…" : "Add a passkey"}
        </Button>
      </div>
    </form>
  );
}
