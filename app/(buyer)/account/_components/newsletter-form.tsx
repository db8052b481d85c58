"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveNewsletter } from "../actions";
import { FormStatus } from "./form-status";

/** One button that flips the newsletter choice. */
export function NewsletterForm({ subscribed }: { subscribed: boolean }) {
  const [state, action] = useActionState(saveNewsletter, IDLE);
  return (
    <form action={action} className="stack">
      <FormStatus state={state} />
      <input type="hidden" name="subscribed" value={subscribed ? "no" : "yes"} />
      <div className="form-actions">
        <SubmitButton variant={subscribed ? "secondary" : "primary"} pendingLabel="Saving…">
          {subscribed ? "Unsubscribe from the newsletter" : "Subscribe to the newsletter"}
        </SubmitButton>
      </div>
    </form>
  );
}
