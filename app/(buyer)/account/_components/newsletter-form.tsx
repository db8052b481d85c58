"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveNewsletter } from "../actions";
import { FormStatus } from "./form-status";

/** One button that flips the newsletter choice. */
export function NewsletterForm({ subscribed }: { subscribed: boolean }) {
  const t = useTranslations("account.newsletter");
  const common = useTranslations("common");
  const [state, action] = useActionState(saveNewsletter, IDLE);
  return (
    <form action={action} className="stack">
      <FormStatus state={state} />
      <input type="hidden" name="subscribed" value={subscribed ? "no" : "yes"} />
      <div className="form-actions">
        <SubmitButton variant={subscribed ? "secondary" : "primary"} pendingLabel={common("saving")}>
          {subscribed ? t("unsubscribe") : t("subscribe")}
        </SubmitButton>
      </div>
    </form>
  );
}
