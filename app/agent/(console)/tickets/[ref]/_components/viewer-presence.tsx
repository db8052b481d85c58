"use client";
import { useEffect, useState } from "react";
import type { TOtherViewer } from "@/lib/tickets/list-other-viewers";
import { Alert } from "@/app/_components/alert";
import { checkInViewer } from "../actions";

const POLL_MS = 10_000;

/**
 * Warns when another agent has this ticket open or is writing a reply. Checks in as soon as it is
 * mounted (rendering the page records nothing) and every 10 s after that.
 */
export function ViewerPresence({ ticketRef, initial }: { ticketRef: string; initial: TOtherViewer[] }) {
  const [others, setOthers] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      const composer = document.getElementById("reply-body");
      const composing = composer instanceof HTMLTextAreaElement && composer.value.trim().length > 0;
      try {
        const result = await checkInViewer({ ref: ticketRef, composing });
        if (!stopped && result.ok) setOthers(result.value);
      } catch {
        // A missed check-in only delays the warning; the next one tries again.
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [ticketRef]);

  if (others.length === 0) return <div aria-live="polite" />;
  const composing = others.filter((o) => o.composing).map((o) => o.name);
  const viewing = others.filter((o) => !o.composing).map((o) => o.name);
  return (
    <div aria-live="polite">
      <Alert
        tone="warning"
        title={
          composing.length
            ? `${composing.join(", ")} ${composing.length === 1 ? "is" : "are"} writing a reply to this ticket`
            : "Someone else has this ticket open"
        }
      >
        {viewing.length ? `${viewing.join(", ")} ${viewing.length === 1 ? "is" : "are"} viewing it right now. ` : ""}
        Check with them before you answer, so the customer does not get two replies.
      </Alert>
    </div>
  );
}
