import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { createAgentFromCli } from "@/lib/agents/create-agent-from-cli";
import { ZNewAgent } from "@/lib/agents/schemas";
import { parseOrThrow } from "@/lib/errors";
import { systemMeta } from "@/lib/http/request-meta";
import { prepareDatabase } from "@/lib/system/prepare-database";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

/** agent:create --email E --name N --role admin|agent (password from KEYDESK_AGENT_PASSWORD or a prompt). */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "agent" } },
  });
  if (!values.email || !values.name) throw new Error("usage: agent:create --email E --name N --role admin|agent");
  await prepareDatabase();
  // The CLI is the one place allowed to read process.env directly for a one-off input.
  const password = process.env.KEYDESK_AGENT_PASSWORD || (await promptHidden("Password: "));
  // Command-line input reaches no wrapper, so it is parsed here (field errors end up on stderr).
  const input = parseOrThrow(ZNewAgent, { email: values.email, name: values.name, role: values.role, password });
  const agent = await createAgentFromCli(CLI_ACTOR, input, systemMeta());
  console.log(`Created ${agent.role} ${agent.name} (id ${agent.id})`);
}

function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new Error("no password: set KEYDESK_AGENT_PASSWORD or run in a terminal"));
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
    output._writeToOutput = (s: string) => {
      if (s.startsWith(question)) process.stdout.write(question);
    };
  });
}
