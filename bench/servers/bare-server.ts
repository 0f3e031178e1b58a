// The floor the SDK and HTTP impose: a bare AgentApplication with one Action.Execute route that answers
// with a fixed card and writes nothing, behind the same HTTP seam (src/adapters/teams/http-handler.ts) and
// the same Node host as the bot. The parent hands it the cards the bot answered with, so both send the
// same bytes back.
import { type AdaptiveCard, AgentApplication, CloudAdapter, type TurnState } from "@microsoft/agents-hosting";

import type { NodeHost } from "../../src/adapters/local/node-host";
import { serveBare } from "../support/bare-host";
import { cpuSince, type Handlers, peakRssMiB, serve } from "../support/ipc";

let host: NodeHost | undefined;
let cpu = process.cpuUsage();
let cards: Readonly<Record<string, AdaptiveCard>> = {};
const fallback: AdaptiveCard = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "Done", wrap: true }],
};

const handlers = {
  start: async () => {
    const adapter = new CloudAdapter();
    const app = new AgentApplication<TurnState>({ adapter, startTypingTimer: false });
    app.adaptiveCards.actionExecute(/^(respond|resolve|escalate|raise)$/, (context) => {
      const value = context.activity.value as { action?: { verb?: string } } | undefined;
      return Promise.resolve(cards[value?.action?.verb ?? ""] ?? fallback);
    });
    host = await serveBare(adapter, app);
    return { url: host.url };
  },
  /** The card to answer each verb with. */
  setCards: (byVerb: Record<string, AdaptiveCard>) => {
    cards = byVerb;
    return Promise.resolve();
  },
  settle: () => {
    const cpuMs = cpuSince(cpu);
    cpu = process.cpuUsage();
    return Promise.resolve({
      cpuMs,
      rssMiB: process.memoryUsage().rss / 1024 / 1024,
      peakRssMiB: peakRssMiB(),
    });
  },
  stop: async () => {
    await host?.close();
  },
} satisfies Handlers;

export type BareServer = typeof handlers;

serve(handlers);
