"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { createStoreAction } from "../actions";
import { Alert } from "@/app/_components/alert";
import { CopyButton } from "@/app/_components/copy-button";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";

/** Adds a store; on success shows the webhook URL to paste into the provider's dashboard. */
export function AddStoreForm({ providers }: { providers: { id: string; label: string }[] }) {
  const [state, action] = useActionState(createStoreAction, IDLE);
  const webhookUrl = state.status === "success" ? state.data?.webhookUrl : undefined;
  return (
    <form key={webhookUrl ?? "form"} action={action} className="stack" noValidate>
      {state.message ? <Alert tone={state.status === "success" ? "success" : "error"}>{state.message}</Alert> : null}
      {webhookUrl ? (
        <div className="stack stack--sm">
          <p className="small">Webhook URL</p>
          <div className="cluster">
            <code className="mono small">{webhookUrl}</code>
            <CopyButton value={webhookUrl} what="webhook URL" />
          </div>
        </div>
      ) : null}
      <Field
        name="provider"
        label="Provider"
        type="select"
        defaultValue={state.values?.provider ?? providers[0]?.id}
        options={providers.map((p) => ({ value: p.id, label: p.label }))}
        hint="Each store below says where its URL goes in the provider's dashboard."
        error={state.fieldErrors?.provider}
      />
      <Field
        name="name"
        label="Name"
        required
        autoComplete="off"
        hint="Becomes the source of every order from this store, e.g. stripe-eu."
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <Field
        name="secret"
        label="Signing secret"
        type="password"
        optional
        autoComplete="off"
        hint="Most providers show it after you saved the webhook URL: you can set it later. 2Checkout: the account's secret key. PayPal: the webhook's id. Gumroad: leave empty (its URL carries a token Keydesk makes)."
        error={state.fieldErrors?.secret}
      />
      <Field
        name="apiKey"
        label="API key"
        type="password"
        optional
        autoComplete="off"
        hint="Stripe: a restricted read key, to fetch each checkout's line items. Polar: an access token, to fetch licence keys. PayPal (required): your app's <client id>:<client secret>. Others: leave empty."
        error={state.fieldErrors?.apiKey}
      />
      <SubmitButton pendingLabel="Adding…">Add store</SubmitButton>
    </form>
  );
}
