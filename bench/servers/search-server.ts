// The people picker's search under load, in a process of its own: either the bot (createBot on the
// embedded Cosmos server with a council of 5,000 people in 400 teams) or the floor, a bare
// AgentApplication whose search route answers with a fixed list of 15 people and reads nothing.
import { AgentApplication, CloudAdapter, type TurnState } from "@microsoft/agents-hosting";

import { type NodeHost, serveMessages } from "../../src/adapters/local/node-host";
import { councilDirectory } from "../../test/builders/council-directory";
import { serveBare } from "../support/bare-host";
import { type Handlers, peakRssMiB, serve } from "../support/ipc";
import { type Stack, startStack } from "../support/stack";

let host: NodeHost | undefined;
let stack: Stack | undefined;

const handlers = {
  /** The bot with a council of this size, or the bare floor answering with these results. */
  start: async (options: {
    readonly kind: "bot" | "bare";
    readonly people: number;
    readonly teams: number;
    readonly results?: readonly { title: string; value: string }[];
  }) => {
    if (options.kind === "bot") {
      stack = await startStack("bench-search", councilDirectory(options).data);
      host = await serveMessages(stack.bot.handleMessages);
      return { url: host.url, serviceUrl: stack.connector.serviceUrl };
    }
    const adapter = new CloudAdapter();
    const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });
    const results = options.results ?? [];
    app.adaptiveCards.search(
      () => Promise.resolve(true),
      () => Promise.resolve([...results]),
    );
    host = await serveBare(adapter, app);
    return { url: host.url, serviceUrl: "http://127.0.0.1:1" };
  },
  settle: async () => {
    await stack?.bot.idle();
    return { peakRssMiB: peakRssMiB() };
  },
  stop: async () => {
    await host?.close();
    await stack?.close();
  },
} satisfies Handlers;

export type SearchServer = typeof handlers;

serve(handlers);
