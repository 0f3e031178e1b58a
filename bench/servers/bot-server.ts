// The bot under load: the whole product (createBot in LOCAL_MODE on the embedded Cosmos server, the sample
// directory, proactive sends to a fake Bot Connector) served by the local Node host, in a process of its own.
// Before each run the parent asks for fresh escalations at Level 1, so every request of the run acts on one
// of its own and is a real write, never a replay.
import { randomUUID } from "node:crypto";

import { toDocument } from "../../src/adapters/cosmos/escalation-document";
import { type NodeHost, serveMessages } from "../../src/adapters/local/node-host";
import type { Escalation } from "../../src/domain/escalation";
import { cpuSince, type Handlers, peakRssMiB, serve } from "../support/ipc";
import { RequestProfiler } from "../support/profile";
import { RAISED_AT } from "../support/sample";
import { insertCopies, raisedTemplate, type Stack, startStack } from "../support/stack";

let stack: Stack | undefined;
let host: NodeHost | undefined;
let template: Escalation | undefined;
let cpu = process.cpuUsage();
const profiler = new RequestProfiler();

function started(): { stack: Stack; template: Escalation } {
  if (!stack || !template) throw new Error("the bot server has not started");
  return { stack, template };
}

const handlers = {
  start: async () => {
    stack = await startStack("bench-latency");
    template = await raisedTemplate(stack, RAISED_AT);
    stack.clock.set(RAISED_AT);
    host = await serveMessages(profiler.handler(stack.bot.handleMessages));
    return {
      url: host.url,
      serviceUrl: stack.connector.serviceUrl,
      version: template.version,
      /** The Level 1 document each request acts on, for the store floor to copy. */
      document: toDocument(template),
    };
  },
  /** `count` fresh escalations at Level 1, awaiting the Team Manager's response; their ids. */
  prepare: async (count: number) => {
    const { stack, template } = started();
    const ids = Array.from({ length: count }, () => randomUUID());
    await insertCopies(stack.escalations, template, ids);
    stack.cosmos.reset();
    stack.logger.take();
    cpu = process.cpuUsage();
    return ids;
  },
  /** Waits for the sends the run started; what the run cost the store and what went wrong. */
  settle: async () => {
    const { stack } = started();
    await stack.bot.idle();
    const counts = stack.cosmos.counts();
    stack.cosmos.reset();
    const cpuMs = cpuSince(cpu);
    cpu = process.cpuUsage();
    return {
      cosmos: counts,
      cpuMs,
      problems: stack.logger.take(),
      posted: stack.connector.posted(),
      rssMiB: process.memoryUsage().rss / 1024 / 1024,
      peakRssMiB: peakRssMiB(),
    };
  },
  /** The last `count` activities the bot posted to the fake connector, as it posted them. */
  sent: (count: number) => Promise.resolve(started().stack.connector.recent().slice(-count)),
  /** Waits for the sends the last request started. */
  idle: async () => {
    await started().stack.bot.idle();
    profiler.settled();
  },
  /** Profiles each request from now on, the answer and the whole action apart. */
  profile: () => profiler.start(),
  /** Where the requests since `profile` spent their CPU. */
  breakdown: () => profiler.stop(),
  stop: async () => {
    await host?.close();
    await stack?.close();
  },
} satisfies Handlers;

export type BotServer = typeof handlers;

serve(handlers);
