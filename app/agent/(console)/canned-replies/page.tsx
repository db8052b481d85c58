import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { listCannedReplies } from "@/lib/tickets/list-canned-replies";
import { CANNED_PLACEHOLDERS } from "@/lib/tickets/fill-canned-reply";
import { Card } from "@/app/_components/card";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { deleteCanned } from "./actions";
import { CannedReplyForm } from "./_components/canned-reply-form";

export const metadata: Metadata = { title: "Canned replies" };

export default async function CannedRepliesPage() {
  const admin = await requireAdmin();
  const replies = await listCannedReplies(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Canned replies"
        description={
          <>
            Ready-made answers agents insert into a ticket. Placeholders are filled in for the ticket:{" "}
            {Object.entries(CANNED_PLACEHOLDERS).map(([key, meaning], i) => (
              <span key={key}>
                {i > 0 ? "; " : ""}
                <code className="mono">{`{{${key}}}`}</code> — {meaning}
              </span>
            ))}
            .
          </>
        }
      />
      <Card title="New canned reply">
        <CannedReplyForm />
      </Card>
      {replies.length === 0 ? (
        <EmptyState title="No canned replies yet" description="Add the answers your team writes most often." />
      ) : (
        replies.map((reply) => (
          <Card
            key={reply.id}
            title={reply.title}
            actions={
              <form action={deleteCanned}>
                <input type="hidden" name="id" value={reply.id} />
                <button type="submit" className="btn btn--danger btn--sm">
                  Delete <span className="sr-only">{reply.title}</span>
                </button>
              </form>
            }
          >
            <CannedReplyForm reply={reply} />
          </Card>
        ))
      )}
    </div>
  );
}
