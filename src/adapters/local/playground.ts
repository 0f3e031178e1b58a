// The Microsoft 365 Agents Playground, a Teams-like client with its own Bot Connector, started once per
// person so each can act as themselves: the IRO, the managers and the QA Manager of the sample directory.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { stopChild } from "./child-process";

export interface PlaygroundUser {
  readonly aadObjectId: string;
  readonly name: string;
  readonly email: string;
}

export interface Playground {
  readonly user: PlaygroundUser;
  readonly url: string;
  readonly port: number;
  /** The personal chat's conversation id in this playground. */
  readonly conversationId: string;
  readonly tenantId: string;
  stop(): Promise<void>;
}

export const LOCAL_TENANT_ID = "00000000-0000-4000-8000-00000000c0c0";

function yamlUser(user: PlaygroundUser, index: number): string {
  const [givenName = user.name, ...rest] = user.name.split(" ");
  const surname = rest.join(" ") || givenName;
  return [
    `  id: "29:${index}-${user.aadObjectId}"`,
    `  name: ${JSON.stringify(user.name)}`,
    `  userPrincipleName: ${JSON.stringify(user.email)}`,
    `  aadObjectId: ${JSON.stringify(user.aadObjectId)}`,
    `  givenName: ${JSON.stringify(givenName)}`,
    `  surname: ${JSON.stringify(surname)}`,
    `  email: ${JSON.stringify(user.email)}`,
  ].join("\n");
}

/** The playground's configuration: the current user, exactly five others, and a personal chat. */
export function playgroundConfig(
  current: PlaygroundUser,
  others: readonly PlaygroundUser[],
  conversationId: string,
): string {
  const five = others.filter((o) => o.aadObjectId !== current.aadObjectId).slice(0, 5);
  if (five.length < 5) throw new Error("the playground needs five other users");
  return [
    'version: "0.1.1"',
    `tenantId: ${LOCAL_TENANT_ID}`,
    "bot:",
    '  id: "28:escalation-bot"',
    "  name: Escalation Bot",
    "currentUser:",
    yamlUser(current, 0),
    "users:",
    ...five.map(
      (u, i) =>
        `  - ${yamlUser(u, i + 1)
          .trimStart()
          .replace(/\n {2}/g, "\n    ")}`,
    ),
    "personalChat:",
    `  id: ${JSON.stringify(conversationId)}`,
    "groupChat:",
    '  id: "19:escalations-group"',
    "  name: Escalations",
    "team:",
    '  id: "19:children-services"',
    "  name: Children's Services",
    "  aadGroupId: 00000000-0000-4000-8000-0000000000aa",
    "  channels:",
    '    - { id: "19:escalations-channel", name: Escalations }',
    "",
  ].join("\n");
}

export async function startPlayground(options: {
  readonly botUrl: string;
  /** 0: any free port. The playground takes a free port of its own when this one is in use. */
  readonly port: number;
  readonly user: PlaygroundUser;
  readonly others: readonly PlaygroundUser[];
  readonly workDir: string;
}): Promise<Playground> {
  const { user } = options;
  mkdirSync(options.workDir, { recursive: true });
  const conversationId = `a:personal-${user.aadObjectId}`;
  const configPath = path.join(options.workDir, `playground-${user.aadObjectId}.yml`);
  writeFileSync(configPath, playgroundConfig(user, options.others, conversationId));
  const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, "start", "-e", options.botUrl, "-c", "msteams", "-p", String(options.port), "--disable-telemetry"],
    {
      cwd: options.workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(options.workDir, `playground-${user.aadObjectId}.log`),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  // The port it listens on is the one it prints: it moves to a free port of its own when the one asked for
  // is in use, and then the asked-for port may be another program (another playground) answering pings.
  let stdout = "";
  let port: number | undefined;
  child.stdout?.on("data", (chunk: Buffer) => {
    if (port !== undefined) return;
    stdout = (stdout + chunk.toString("utf8")).slice(-2000);
    const listening = /Listening on (\d+)/.exec(stdout);
    if (listening?.[1]) port = Number(listening[1]);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the playground for ${user.name} stopped: ${stderr}`);
    if (port !== undefined) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/_debug/ping`);
        if (response.ok) break;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`the playground for ${user.name} did not start within a minute`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    user,
    url,
    port,
    conversationId,
    tenantId: LOCAL_TENANT_ID,
    stop: () => stopChild(child),
  };
}
