import type { TFormState } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";

/** The outcome of a form's last submission, announced to screen readers. The live region takes no
 *  room of its own (display: contents), so an empty one adds no gap to the form's stack. */
export function FormStatus({ state }: { state: TFormState }) {
  return (
    <div aria-live="polite" style={{ display: "contents" }}>
      {state.status === "success" && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
