// Card action and raise latency: the bot and a bare AgentApplication, each in its own process behind the
// same HTTP seam and Node host, driven by the same autocannon harness at each number of connections. Runs
// alternate bare, bot, bare, bot... so drift on a shared machine falls on both alike.
import { randomUUID } from "node:crypto";
import path from "node:path";

import type { AdaptiveCard } from "@microsoft/agents-hosting";

import type { BareServer } from "./servers/bare-server";
import type { BotServer } from "./servers/bot-server";
import type { FloorServer } from "./servers/floor-server";
import type { CosmosCounts } from "./support/cosmos";
import { Server } from "./support/ipc";
import { load, type LoadRun, paced } from "./support/load";
import type { Breakdown } from "./support/profile";
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
  /** Requests in one paced run (one at a time, each after the sends of the one before). */
  readonly paced: number;
  /**
   * Rounds of paced runs, each a run of bare, floor and bot per verb (the floor first in odd rounds, the bot
   * in even ones); a ratio is the median of the rounds' own ratios.
   */
  readonly pacedRounds: number;
  /** After the measured runs, one profiled paced run of the bot and of the floor per verb (--breakdown). */
  readonly breakdown: boolean;
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

/** One target's answer with its sends isolated, and its cost per action with the sends included. */
export interface FloorFigures {
  /** Median over the runs of each run's p50 answer latency, ms. */
  readonly p50: number;
  /** Median over the runs of the server process's CPU per action (user + system, its sends included), ms. */
  readonly cpuMs: number;
  /** Cosmos DB requests per action, its sends included (none for the bare app). */
  readonly cosmosPerAction: number;
  readonly verified: number;
  readonly requests: number;
}

export interface FloorCell {
  readonly verb: MeasuredVerb;
  /** Each round's figures, in the order they ran. */
  readonly rounds: readonly {
    readonly bot: FloorFigures;
    readonly floor: FloorFigures;
    readonly bare: FloorFigures;
  }[];
  /** Proactive messages the bot sent per action; the floor sends the same ones. */
  readonly sendsPerAction: number;
  readonly bot: FloorFigures;
  /** The minimal design's store calls and the same sends. */
  readonly floor: FloorFigures;
  /** The SDK alone: no store, no sends. */
  readonly bare: FloorFigures;
  /** Each the median over the rounds of that round's bot over floor (or over bare). */
  readonly ratio: {
    readonly p50ToFloor: number;
    readonly p50ToBare: number;
    readonly cpuToFloor: number;
    readonly cpuToBare: number;
  };
}

export interface LatencyResult {
  readonly cells: readonly LatencyCell[];
  /** The answer with the sends isolated, and CPU per action, beside the store floor and the bare app. */
  readonly floors: readonly FloorCell[];
  readonly memory: {
    readonly botPeakRssMiB: number;
    readonly barePeakRssMiB: number;
    readonly floorPeakRssMiB: number;
  };
  /** Where the bot's and the floor's CPU went, per verb, where --breakdown asked for it. */
  readonly breakdown?: readonly { verb: MeasuredVerb; bot: Breakdown; floor: Breakdown }[];
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
  const store = Server.start<FloorServer>("floor server", path.join(__dirname, "servers/floor-server.js"));
  try {
    const target = await bot.call("start", undefined);
    const floor = await bare.call("start", undefined);
    const storeFloor = await store.call("start", target.document);

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

    // The store floor sends the messages the bot sent for one action of each verb, as many and the same.
    const sends: Record<string, number> = {};
    const messages: Record<string, string[]> = {};
    for (const verb of VERBS) {
      const before = (await bot.call("settle", undefined)).posted;
      const bodies = await botBodies(verb, 10);
      await load({ url: target.url, connections: 1, bodies, expect: APPLIED_HEADLINE[verb] });
      sends[verb] = Math.round(((await bot.call("settle", undefined)).posted - before) / bodies.length);
      // One more action on its own, so that the last messages posted are all its own.
      await load({
        url: target.url,
        connections: 1,
        bodies: await botBodies(verb, 1),
        expect: APPLIED_HEADLINE[verb],
      });
      await bot.call("settle", undefined);
      messages[verb] = await bot.call("sent", sends[verb] ?? 0);
    }
    await store.call("configure", { cards, messages });
    const floorBodies = async (verb: MeasuredVerb, count: number): Promise<string[]> => {
      if (verb === "raise")
        return Array.from({ length: count }, () => JSON.stringify(raiseActivity(storeFloor.serviceUrl)));
      const ids = Array.from({ length: count }, () => randomUUID());
      await store.call("prepare", ids);
      return ids.map((id) => JSON.stringify(actionActivity(storeFloor.serviceUrl, verb, id, target.version)));
    };
    for (const verb of VERBS) {
      const bodies = await floorBodies(verb, config.warmup);
      await load({ url: storeFloor.url, connections: 10, bodies, expect: APPLIED_HEADLINE[verb] });
      await store.call("settle", undefined);
    }

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
    // The answer with the sends isolated, and CPU per action: bare, floor and bot in turn, one request at a
    // time, each after the sends of the one before. The floor and the bot take turns to go first, so that
    // what one run leaves behind (garbage, a warm cache) falls on each alike. The floor sat idle through the
    // runs above: each target is warmed again first.
    for (const verb of VERBS) {
      const expect = APPLIED_HEADLINE[verb];
      const count = config.warmup / 5;
      const targets = [
        {
          url: floor.url,
          bodies: () => Promise.resolve(bareBodies(verb, count)),
          settled: () => Promise.resolve(),
        },
        {
          url: storeFloor.url,
          bodies: () => floorBodies(verb, count),
          settled: () => store.call("idle", undefined),
        },
        { url: target.url, bodies: () => botBodies(verb, count), settled: () => bot.call("idle", undefined) },
      ];
      for (const { url, bodies, settled } of targets)
        await paced({ url, bodies: await bodies(), expect, settled });
    }
    const floorRuns = new Map<
      MeasuredVerb,
      { bot: FloorFigures[]; floor: FloorFigures[]; bare: FloorFigures[] }
    >();
    for (let repetition = 1; repetition <= config.pacedRounds; repetition++) {
      for (const verb of VERBS) {
        const count = config.paced;
        const expect = APPLIED_HEADLINE[verb];
        /** One paced run against a target, and what it cost the target's process. */
        const measure = async (
          url: string,
          bodies: string[],
          settled: () => Promise<unknown>,
          cost: () => Promise<{ readonly cpuMs: number; readonly cosmosRequests: number }>,
        ): Promise<FloorFigures> => {
          const run = await paced({ url, bodies, expect, settled });
          const { cpuMs, cosmosRequests } = await cost();
          const perAction = (n: number) => n / Math.max(1, run.requests);
          return {
            p50: run.p50,
            cpuMs: perAction(cpuMs),
            cosmosPerAction: perAction(cosmosRequests),
            verified: run.verified,
            requests: run.requests,
          };
        };
        await bare.call("settle", undefined);
        const bareFigures = await measure(
          floor.url,
          bareBodies(verb, count),
          () => Promise.resolve(),
          async () => ({ cpuMs: (await bare.call("settle", undefined)).cpuMs, cosmosRequests: 0 }),
        );
        /** A paced run of the floor or the bot, its process's CPU counted from just before it. */
        const storeRun = async (
          url: string,
          bodies: string[],
          server: {
            call(cmd: "idle", args: undefined): Promise<unknown>;
            call(
              cmd: "settle",
              args: undefined,
            ): Promise<{ readonly cpuMs: number; readonly cosmos?: { readonly requests: number } }>;
          },
        ) => {
          await server.call("settle", undefined);
          return measure(
            url,
            bodies,
            () => server.call("idle", undefined),
            async () => {
              const spent = await server.call("settle", undefined);
              return { cpuMs: spent.cpuMs, cosmosRequests: spent.cosmos?.requests ?? 0 };
            },
          );
        };
        const floorRun = async () => storeRun(storeFloor.url, await floorBodies(verb, count), store);
        const botRun = async () => storeRun(target.url, await botBodies(verb, count), bot);
        let floorFigures: FloorFigures;
        let botFigures: FloorFigures;
        if (repetition % 2 === 1) {
          floorFigures = await floorRun();
          botFigures = await botRun();
        } else {
          botFigures = await botRun();
          floorFigures = await floorRun();
        }
        const runs = floorRuns.get(verb) ?? { bot: [], floor: [], bare: [] };
        runs.bare.push(bareFigures);
        runs.floor.push(floorFigures);
        runs.bot.push(botFigures);
        floorRuns.set(verb, runs);
        progress(
          `latency: ${verb.padEnd(8)} paced round ${repetition}/${config.pacedRounds}: answer p50 bot ${botFigures.p50.toFixed(1)} ms, ` +
            `floor ${floorFigures.p50.toFixed(1)} ms, bare ${bareFigures.p50.toFixed(1)} ms; CPU bot ${botFigures.cpuMs.toFixed(1)} ms, ` +
            `floor ${floorFigures.cpuMs.toFixed(1)} ms; ${botFigures.verified}/${botFigures.requests} written`,
        );
      }
    }
    const floors: FloorCell[] = VERBS.map((verb) => {
      const runs = floorRuns.get(verb) ?? { bot: [], floor: [], bare: [] };
      const bot = medianFigures(runs.bot);
      const floorFigures = medianFigures(runs.floor);
      const bareFigures = medianFigures(runs.bare);
      /** The median over the rounds of each round's bot over the other. */
      const perRound = (other: readonly FloorFigures[], figure: (f: FloorFigures) => number) =>
        median(runs.bot.map((b, i) => ratio(figure(b), figure(other[i]!))));
      return {
        verb,
        rounds: runs.bot.map((b, i) => ({ bot: b, floor: runs.floor[i]!, bare: runs.bare[i]! })),
        sendsPerAction: sends[verb] ?? 0,
        bot,
        floor: floorFigures,
        bare: bareFigures,
        ratio: {
          p50ToFloor: perRound(runs.floor, (f) => f.p50),
          p50ToBare: perRound(runs.bare, (f) => f.p50),
          cpuToFloor: perRound(runs.floor, (f) => f.cpuMs),
          cpuToBare: perRound(runs.bare, (f) => f.cpuMs),
        },
      };
    });

    const botMemory = await bot.call("settle", undefined);
    const bareMemory = await bare.call("settle", undefined);
    const floorMemory = await store.call("settle", undefined);

    // Profiled last, so that the profiler's cost is in none of the figures above.
    const breakdown: { verb: MeasuredVerb; bot: Breakdown; floor: Breakdown }[] = [];
    /** One paced run of a target with its server's profiler on; where its CPU went. */
    const profiled = async (
      url: string,
      bodies: string[],
      expect: string,
      server: {
        call(cmd: "profile" | "idle", args: undefined): Promise<unknown>;
        call(cmd: "breakdown", args: undefined): Promise<Breakdown>;
      },
    ): Promise<Breakdown> => {
      await server.call("profile", undefined);
      await paced({ url, bodies, expect, settled: () => server.call("idle", undefined) });
      return server.call("breakdown", undefined);
    };
    for (const verb of config.breakdown ? VERBS : []) {
      const expect = APPLIED_HEADLINE[verb];
      const floorSpent = await profiled(storeFloor.url, await floorBodies(verb, config.paced), expect, store);
      const botSpent = await profiled(target.url, await botBodies(verb, config.paced), expect, bot);
      breakdown.push({ verb, bot: botSpent, floor: floorSpent });
      progress(`latency: ${verb.padEnd(8)} profiled`);
    }
    return {
      ...(config.breakdown ? { breakdown } : {}),
      cells,
      floors,
      memory: {
        botPeakRssMiB: botMemory.peakRssMiB,
        barePeakRssMiB: bareMemory.peakRssMiB,
        floorPeakRssMiB: floorMemory.peakRssMiB,
      },
    };
  } finally {
    await Promise.allSettled([
      bot.call("stop", undefined),
      bare.call("stop", undefined),
      store.call("stop", undefined),
    ]);
    await Promise.all([bot.stop(), bare.stop(), store.stop()]);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function medianFigures(runs: readonly FloorFigures[]): FloorFigures {
  return {
    p50: median(runs.map((r) => r.p50)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    cosmosPerAction: median(runs.map((r) => r.cosmosPerAction)),
    verified: runs.reduce((sum, r) => sum + r.verified, 0),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
  };
}

function medians(runs: readonly LoadRun[]): Figures {
  return {
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p99: median(runs.map((r) => r.p99)),
    rps: median(runs.map((r) => r.rps)),
  };
}
