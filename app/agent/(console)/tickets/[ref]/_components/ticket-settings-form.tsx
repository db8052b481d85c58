"use client";
import { useActionState } from "react";
import { IDLE } from "@/lib/http/form-state";
import { Alert } from "@/app/_components/alert";
import { Field } from "@/app/_components/field";
import { SubmitButton } from "@/app/_components/submit-button";
import { saveTicketFields } from "../actions";

const STATUSES = [
  { value: "open", label: "Open" },
  { value: "pending", label: "Pending (waiting on customer)" },
  { value: "solved", label: "Solved" },
  { value: "closed", label: "Closed" },
];
const PRIORITIES = ["low", "normal", "high", "urgent"].map((p) => ({
  value: p,
  label: p[0]!.toUpperCase() + p.slice(1),
}));

/** Status, priority and assignee of a ticket (one audited save). */
export function TicketSettingsForm({
  ticketRef,
  status,
  priority,
  assigneeId,
  agents,
}: {
  ticketRef: string;
  status: string;
  priority: string;
  assigneeId: string;
  agents: { id: string; name: string }[];
}) {
  const [state, action] = useActionState(saveTicketFields, IDLE);
  return (
    <form action={action} className="stack">
      {state.status === "error" && state.message ? <Alert tone="error">{state.message}</Alert> : null}
      {state.status === "success" ? <Alert tone="success">{state.message}</Alert> : null}
      <input type="hidden" name="ref" value={ticketRef} />
      {/* Keyed by the saved values: a change made elsewhere (a reply that set "pending") shows here too. */}
      <Field
        key={`status-${status}`}
        name="status"
        label="Status"
        type="select"
        options={STATUSES}
        defaultValue={status}
        id="ticket-status"
      />
      <Field
        key={`priority-${priority}`}
        name="priority"
        label="Priority"
        type="select"
        options={PRIORITIES}
        defaultValue={priority}
        id="ticket-priority"
      />
      <Field
        key={`assignee-${assigneeId}`}
        name="assigneeId"
        label="Assignee"
        type="select"
        options={[{ value: "", label: "Nobody" }, ...agents.map((a) => ({ value: a.id, label: a.name }))]}
        defaultValue={assigneeId}
        id="ticket-assignee"
        error={state.fieldErrors?.assigneeId}
      />
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
    </form>
  );
}
