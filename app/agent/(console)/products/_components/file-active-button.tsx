"use client";
import { setProductFileActiveAction } from "../actions";
import { RowActionButton } from "@/app/_components/row-action-button";

export function FileActiveButton({ fileId, label, active }: { fileId: string; label: string; active: boolean }) {
  return (
    <RowActionButton
      action={setProductFileActiveAction}
      fields={{ fileId, active: active ? "false" : "true" }}
      label={active ? "Withdraw" : "Offer again"}
      target={label}
      variant={active ? "danger" : "secondary"}
    />
  );
}
