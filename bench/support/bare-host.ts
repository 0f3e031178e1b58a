// A bare AgentApplication behind the bot's own HTTP seam (src/adapters/teams/http-handler.ts) and Node
// host, in local mode for the sample tenant: how each floor of the benchmark is served, as the bot is.
import type { AgentApplication, CloudAdapter, TurnState } from "@microsoft/agents-hosting";

import { type NodeHost, serveMessages } from "../../src/adapters/local/node-host";
import { silentLogger } from "../../src/adapters/logging";
import {
  createMessagesHandler,
  type HttpRequestLike,
  type HttpResponseLike,
} from "../../src/adapters/teams/http-handler";
import { TENANT_ID } from "./sample";

type Handle = (request: HttpRequestLike) => Promise<HttpResponseLike>;

export function serveBare(
  adapter: CloudAdapter,
  app: AgentApplication<TurnState>,
  /** What the host calls instead of the handler, given it: the handler watched, as the profiler watches it. */
  around: (handle: Handle) => Handle = (handle) => handle,
): Promise<NodeHost> {
  return serveMessages(
    around(
      createMessagesHandler({
        adapter,
        app,
        auth: { mode: "local" },
        allowedTenants: new Set([TENANT_ID]),
        logger: silentLogger,
      }),
    ),
  );
}
