// Card action and raise latency: the bot and a bare AgentApplication, each in its own process behind the
// same HTTP seam and Node host, driven by the same autocannon harness at each number of connections. Runs
// alternate bare, bot, bare, bot... so drift on a shared machine falls on both alike.
import { randomUUID } from "node:crypto";
import path from "node:path";

import type { AdaptiveCard } from "@microsoft/agents-hosting";

import type { BareServer } from "./servers/bare-server";
import type { BotServer } from "./servers/bot-server";
import type { CosmosCounts } from "./support/cosmos";
import { Server } from "./support/ipc";
import { load, type LoadRun } from "./support/load";
import {
  actionActivity,
  ACTIONS,
  APPLIED_HEADLINE,
  type MeasuredVerb,
  raiseActivity,
} from "./support/sample";
import { median, ratio } from "./support/stats";

export interface LatencyConfig {
  readonly connections: readonly number[];
  readonly repetitions: number;
  /** Requests in one run at this many connections. */
  readonly requests: (connections: number) => number;
  /** Requests per verb and target before measuring (JIT, connection pools, caches). */
  readonly warmup: number;
}

export interface Figures {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly rps: number;
}

export interface LatencyCell {
  readonly verb: MeasuredVerb;
  readonly connections: number;
  readonly bot: { readonly median: Figures; readonly runs: readonly BotRun[] };
  readonly bare: { readonly median: Figures; readonly runs: readonly LoadRun[] };
  /** Bot over bare, of the medians. */
  readonly ratio: Figures;
}

export interface BotRun extends LoadRun {
  /** Cosmos DB requests per request, the sends after the write included. */
  readonly cosmosPerRequest: number;
  readonly cosmos: CosmosCounts;
  readonly problems: Record<string, number>;
  /** The bot server's peak RSS so far (over every run until this one). */
  readonly peakRssMiB: number;
}

export interface LatencyResult {
  readonly cells: readonly LatencyCell[];
  readonly memory: { readonly botPeakRssMiB: number; readonly barePeakRssMiB: number };
}

const VERBS: readonly MeasuredVerb[] = [...ACTIONS, "raise"];

export async function runLatency(
  config: LatencyConfig,
  progress: (line: string) => void,
): Promise<LatencyResult> {
  // BENCH_PROFILE=<dir> writes a CPU profile of the bot server there, to see where its time goes.
  const profile = process.env["BENCH_PROFILE"];
  const bot = Server.start<BotServer>(
    "bot server",
    path.join(__dirname, "servers/bot-server.js"),
    profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [],
  );
  const bare = Server.start<BareServer>("bare server", path.join(__dirname, "servers/bare-server.js"));
  try {
    const target = await bot.call("start", undefined);
    const floor = await bare.call("start", undefined);

    const botBodies = async (verb: MeasuredVerb, count: number): Promise<string[]> => {
      if (verb === "raise")
        return Array.from({ length: count }, () => JSON.stringify(raiseActivity(target.serviceUrl)));
      const ids = await bot.call("prepare", count);
      return ids.map((id) => JSON.stringify(actionActivity(target.serviceUrl, verb, id, target.version)));
    };
    // The bare app reads nothing from the card's data, so any escalation id will do.
    const bareBodies = (verb: MeasuredVerb, count: number): string[] =>
      Array.from({ length: count }, () =>
        JSON.stringify(
          verb === "raise"
            ? raiseActivity(target.serviceUrl)
            : actionActivity(target.serviceUrl, verb, randomUUID(), target.version),
        ),
      );

    const botRun = async (verb: MeasuredVerb, connections: number, count: number) => {
      const bodies = await botBodies(verb, count);
      const { run, sample } = await load({
        url: target.url,
        connections,
        bodies,
        expect: APPLIED_HEADLINE[verb],
      });
      const settled = await bot.call("settle", undefined);
      const result: BotRun = {
        ...run,
        cosmosPerRequest: settled.cosmos.requests / Math.max(1, run.requests),
        cosmos: settled.cosmos,
        problems: settled.problems,
        peakRssMiB: settled.peakRssMiB,
      };
      return { run: result, sample };
    };
    const bareRun = async (verb: MeasuredVerb, connections: number, count: number) => {
      const bodies = bareBodies(verb, count);
      return (await load({ url: floor.url, connections, bodies, expect: APPLIED_HEADLINE[verb] })).run;
    };

    // Warm-up: the bot's answers become the cards the bare app sends back.
    progress(`latency: warming up (${config.warmup} requests per verb and target)`);
    const cards: Record<string, AdaptiveCard> = {};
    for (const verb of VERBS) {
      const { run, sample } = await botRun(verb, 10, config.warmup);
      if (!sample)
        throw new Error(`the bot answered no ${verb} with its success card: ${JSON.stringify(run)}`);
      const body = JSON.parse(sample) as { value?: AdaptiveCard };
      if (!body.value) throw new Error(`the bot's answer to ${verb} carried no card`);
      cards[verb] = body.value;
    }
    await bare.call("setCards", cards);
    for (const verb of VERBS) await bareRun(verb, 10, config.warmup);

    const botRuns = new Map<string, BotRun[]>();
    const bareRuns = new Map<string, LoadRun[]>();
    const key = (verb: MeasuredVerb, connections: number) => `${verb}@${connections}`;
    for (const connections of config.connections) {
      const count = config.requests(connections);
      for (let repetition = 1; repetition <= config.repetitions; repetition++) {
        for (const verb of VERBS) {
          const floorRun = await bareRun(verb, connections, count);
          const { run } = await botRun(verb, connections, count);
          push(bareRuns, key(verb, connections), floorRun);
          push(botRuns, key(verb, connections), run);
          progress(
            `latency: ${verb.padEnd(8)} c=${String(connections).padStart(2)} run ${repetition}/${config.repetitions}: ` +
              `bot p99 ${run.p99.toFixed(1)} ms, bare p99 ${floorRun.p99.toFixed(1)} ms, ${run.verified}/${run.requests} written`,
          );
        }
      }
    }

    const cells: LatencyCell[] = [];
    for (const verb of VERBS) {
      for (const connections of config.connections) {
        const botList = botRuns.get(key(verb, connections)) ?? [];
        const bareList = bareRuns.get(key(verb, connections)) ?? [];
        const botMedian = medians(botList);
        const bareMedian = medians(bareList);
        cells.push({
          verb,
          connections,
          bot: { median: botMedian, runs: botList },
          bare: { median: bareMedian, runs: bareList },
          ratio: {
            p50: ratio(botMedian.p50, bareMedian.p50),
            p95: ratio(botMedian.p95, bareMedian.p95),
            p99: ratio(botMedian.p99, bareMedian.p99),
            rps: ratio(botMedian.rps, bareMedian.rps),
          },
        });
      }
    }
    const botMemory = await bot.call("settle", undefined);
    const bareMemory = await bare.call("settle", undefined);
    return {
      cells,
      memory: { botPeakRssMiB: botMemory.peakRssMiB, barePeakRssMiB: bareMemory.peakRssMiB },
    };
  } finally {
    await Promise.allSettled([bot.call("stop", undefined), bare.call("stop", undefined)]);
    await Promise.all([bot.stop(), bare.stop()]);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function medians(runs: readonly LoadRun[]): Figures {
  return {
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    rps: median(runs.map((r) => r.rps)),
  };
}
