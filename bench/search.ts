// The people pickers at a council's size: the bot answering Teams' `application/search` invokes from a
// directory of 5,000 people in 400 teams, beside a bare AgentApplication whose search route answers with
// the same 15 people and reads nothing; and the raise form's size for councils of 500 and 5,000 people.
import path from "node:path";

import { raiseFormCard } from "../src/adapters/cards";
import { cardBytes, MAX_CARD_BYTES } from "../src/adapters/cards/teams-limit";
import { loadPolicies } from "../src/adapters/policies/policy-files";
import { DirectoryIndex } from "../src/domain/directory";
import { councilDirectory } from "../test/builders/council-directory";
import type { Figures } from "./latency";
import type { SearchServer } from "./servers/search-server";
import { Server } from "./support/ipc";
import { load, type LoadRun } from "./support/load";
import { searchActivity, teamsUser } from "./support/sample";
import { median, ratio } from "./support/stats";

export interface SearchConfig {
  readonly people: number;
  readonly teams: number;
  readonly connections: readonly number[];
  readonly repetitions: number;
  readonly requests: number;
  readonly warmup: number;
}

export interface SearchCell {
  readonly connections: number;
  readonly bot: Figures;
  readonly bare: Figures;
  readonly ratio: Figures;
  readonly botRuns: readonly LoadRun[];
  readonly bareRuns: readonly LoadRun[];
}

export interface SearchResult {
  readonly people: number;
  readonly teams: number;
  readonly cells: readonly SearchCell[];
  /** The raise form's bytes for councils of these sizes, against Teams' limit. */
  readonly raiseForm: readonly { people: number; teams: number; bytes: number }[];
  readonly limitBytes: number;
}

const EXPECT = "application/vnd.microsoft.search.searchResponse";

export async function runSearch(
  config: SearchConfig,
  progress: (line: string) => void,
): Promise<SearchResult> {
  const raiseForm = [
    { people: 500, teams: 40 },
    { people: config.people, teams: config.teams },
  ].map((size) => ({ ...size, bytes: raiseFormBytes(size) }));

  const council = councilDirectory(config);
  const iro = teamsUser(council.iro.id, council.iro.name);
  const bot = Server.start<SearchServer>("search bot", path.join(__dirname, "servers/search-server.js"));
  const bare = Server.start<SearchServer>("search floor", path.join(__dirname, "servers/search-server.js"));
  try {
    progress(`search: starting the bot with ${config.people} people in ${config.teams} teams`);
    const target = await bot.call("start", { kind: "bot", people: config.people, teams: config.teams });
    // What people type: the first letters of a colleague's name, into one of the form's pickers.
    const names = council.data.people.map((p) => p.name);
    const bodies = (count: number, seed: number) =>
      Array.from({ length: count }, (_, i) => {
        const name = names[(seed * 7919 + i * 104_729) % names.length] ?? "A";
        const text = name.slice(0, 1 + (i % 6));
        const pick = i % 4;
        const dataset = ["socialWorker", "teamManager", "iroManager", "team"][pick] ?? "team";
        return JSON.stringify(
          searchActivity(target.serviceUrl, iro, {
            dataset: `escalations.${dataset}`,
            text: pick === 3 ? council.team.name.slice(0, 1 + (i % 8)) : text,
            ...(pick < 2
              ? { inputs: { teamId: council.data.teams[i % council.data.teams.length]!.id } }
              : {}),
          }),
        );
      });
    progress(`search: warming up (${config.warmup} requests)`);
    const warm = await load({
      url: target.url,
      connections: 4,
      bodies: bodies(config.warmup, 0),
      expect: EXPECT,
    });
    if (!warm.sample) throw new Error(`the bot answered no search: ${JSON.stringify(warm.run)}`);
    const answered = JSON.parse(warm.sample) as { value?: { results?: { title: string; value: string }[] } };
    // The floor answers with a full page of 15, the most the bot ever sends back.
    const results = council.data.people
      .slice(0, 15)
      .map((p) => ({ title: `${p.name} (${p.jobTitle ?? ""})`, value: p.id }));
    if (!answered.value?.results?.length) throw new Error("the bot's search answer had no results");
    const floor = await bare.call("start", { kind: "bare", people: 0, teams: 0, results });
    await load({ url: floor.url, connections: 4, bodies: bodies(config.warmup, 0), expect: EXPECT });

    const cells: SearchCell[] = [];
    for (const connections of config.connections) {
      const botRuns: LoadRun[] = [];
      const bareRuns: LoadRun[] = [];
      for (let r = 1; r <= config.repetitions; r++) {
        const seed = connections * 100 + r;
        bareRuns.push(
          (await load({ url: floor.url, connections, bodies: bodies(config.requests, seed), expect: EXPECT }))
            .run,
        );
        botRuns.push(
          (
            await load({
              url: target.url,
              connections,
              bodies: bodies(config.requests, seed),
              expect: EXPECT,
            })
          ).run,
        );
        progress(`search: ${connections} connection(s), run ${r}/${config.repetitions}`);
      }
      const of = (runs: readonly LoadRun[]): Figures => ({
        p50: median(runs.map((x) => x.p50)),
        p95: median(runs.map((x) => x.p95)),
        p99: median(runs.map((x) => x.p99)),
        rps: median(runs.map((x) => x.rps)),
      });
      const b = of(botRuns);
      const f = of(bareRuns);
      cells.push({
        connections,
        bot: b,
        bare: f,
        ratio: {
          p50: ratio(b.p50, f.p50),
          p95: ratio(b.p95, f.p95),
          p99: ratio(b.p99, f.p99),
          rps: ratio(b.rps, f.rps),
        },
        botRuns,
        bareRuns,
      });
    }
    return { people: config.people, teams: config.teams, cells, raiseForm, limitBytes: MAX_CARD_BYTES };
  } finally {
    await Promise.allSettled([bot.call("stop", undefined), bare.call("stop", undefined)]);
    await Promise.all([bot.stop(), bare.stop()]);
  }
}

function raiseFormBytes(size: { people: number; teams: number }): number {
  const council = councilDirectory(size);
  const policy = loadPolicies().get("dorset-qaro");
  if (!policy) throw new Error("the Dorset policy is not shipped");
  return cardBytes(
    raiseFormCard({
      formId: "bench-form",
      policy,
      directory: new DirectoryIndex(council.data),
      raiserId: council.iro.id,
    }),
  );
}
