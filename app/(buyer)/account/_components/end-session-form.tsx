"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { IDLE } from "@/lib/http/form-state";
import { SubmitButton } from "@/app/_components/submit-button";
import { endSession } from "../actions";
import { FormStatus } from "./form-status";

/** Ends one other session (`sessionId`) or, with "others", every session but this one. */
export function EndSessionForm({ sessionId, label, what }: { sessionId: string; label: string; what?: string }) {
  const t = useTranslations("account.sessions");
  const [state, action] = useActionState(endSession, IDLE);
  return (
    <form action={action} className="stack stack--sm">
      <input type="hidden" name="sessionId" value={sessionId} />
      <div>
        <SubmitButton
          variant={sessionId === "others" ? "danger" : "secondary"}
          size="sm"
          pendingLabel={t("ending")}
          aria-label={what ? t("signOutLabel", { action: label, what }) : undefined}
        >
          {label}
        </SubmitButton>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
