import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { getAgentsPage } from "@/lib/agents/get-agents-page";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { PageHeader } from "@/app/_components/page-header";
import { formatDateTime } from "@/app/_components/format";
import { AgentStatusButton } from "./_components/agent-status-button";
import { CreateAgentForm } from "./_components/create-agent-form";
import { ResetSecondFactorButton } from "./_components/reset-second-factor-button";
import { SecuritySettingsForm } from "./_components/security-settings-form";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage() {
  const admin = await requireAdmin();
  const { agents, requireSecondFactorForAgents } = await getAgentsPage(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Agents"
        description="People who can sign in to this console. Disabling an agent ends their sessions at once."
      />
      <div className="split">
        <DataTable
          caption="Agents and admins"
          captionHidden
          columns={[
            { label: "Name" },
            { label: "Role" },
            { label: "Two-step sign-in" },
            { label: "Last sign-in" },
            { label: "Actions", srOnly: true },
          ]}
        >
          {agents.map((agent) => (
            <tr key={agent.id}>
              <th scope="row">
                {agent.name} {agent.disabledAt ? <Badge tone="neutral">Disabled</Badge> : null}
                <div className="small muted">{agent.email}</div>
              </th>
              <td>
                <Badge status={agent.role} />
              </td>
              <td>
                {agent.hasSecondFactor ? <Badge tone="success">On</Badge> : <Badge tone="neutral">Off</Badge>}
                {agent.passkeys > 0 ? (
                  <div className="small muted">{agent.passkeys === 1 ? "1 passkey" : `${agent.passkeys} passkeys`}</div>
                ) : null}
              </td>
              <td className="nowrap">{agent.lastLoginAt ? formatDateTime(agent.lastLoginAt) : "Never"}</td>
              <td>
                {agent.id === admin.agentId ? (
                  <span className="small muted">You</span>
                ) : (
                  <div className="cluster">
                    <AgentStatusButton agentId={agent.id} name={agent.name} disabled={agent.disabledAt !== null} />
                    {agent.hasSecondFactor ? <ResetSecondFactorButton agentId={agent.id} name={agent.name} /> : null}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        <div className="stack">
          <Card title="Add an agent">
            <CreateAgentForm />
          </Card>
          <Card title="Two-step sign-in" description="Admins always sign in with a code from an authenticator app.">
            <SecuritySettingsForm requireSecondFactor={requireSecondFactorForAgents} />
          </Card>
        </div>
      </div>
    </div>
  );
}
