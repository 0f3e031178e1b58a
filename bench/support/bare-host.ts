// A bare AgentApplication behind the bot's own HTTP seam (src/adapters/teams/http-handler.ts) and Node
// host, in local mode for the sample tenant: how each floor of the benchmark is served, as the bot is.
import type { AgentApplication, CloudAdapter, TurnState } from "@microsoft/agents-hosting";

import { type NodeHost, serveMessages } from "../../src/adapters/local/node-host";
import { silentLogger } from "../../src/adapters/logging";
import { createMessagesHandler } from "../../src/adapters/teams/http-handler";
import { TENANT_ID } from "./sample";

export function serveBare(adapter: CloudAdapter, app: AgentApplication<TurnState>): Promise<NodeHost> {
  return serveMessages(
    createMessagesHandler({
      adapter,
      app,
      auth: { mode: "local" },
      allowedTenants: new Set([TENANT_ID]),
      logger: silentLogger,
    }),
  );
}
