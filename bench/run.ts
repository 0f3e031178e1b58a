// `npm run bench`: card action and raise latency beside a bare AgentApplication, the timer sweep over
// growing stores, and the Functions entry's cold start beside an entry that only imports the Agents SDK.
// Prints the tables (progress goes to standard error) and writes every figure to bench/results/<time>.json.
// Flags: --quick (one short run of each, for trying the benchmark out; not for quoting),
// --only=latency,search,token,startup,sweep,files,cards,directory, --sizes=1000,10000, --breakdown (where
// the CPU of the bot's and the floor's answers and actions goes, profiled after the latency section's
// measured runs).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { type CardsResult, runCards } from "./cards";
import { type DirectoryResult, runDirectory } from "./directory";
import { type FilesResult, runFiles } from "./files";
import { type LatencyConfig, type LatencyResult, runLatency } from "./latency";
import { runSearch, type SearchConfig, type SearchResult } from "./search";
import { runStartup, type StartupEntry } from "./startup";
import { peakRssMiB } from "./support/ipc";
import { ROOT } from "./support/sample";
import { count, fmt, median, ratio, table, times } from "./support/stats";
import { runSweep, type SweepMeasured, type SweepSize } from "./sweep";
import { runToken, type TokenResult } from "./token";

/** The whole benchmark must finish within 10 minutes; the build before it and some slack come off that. */
const BUDGET_MS = 9 * 60_000;

const SECTIONS = ["latency", "search", "token", "startup", "sweep", "files", "cards", "directory"] as const;
type Section = (typeof SECTIONS)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean" },
      only: { type: "string" },
      sizes: { type: "string" },
      breakdown: { type: "boolean" },
    },
  });
  const quick = values.quick === true;
  const only = new Set<string>(values.only?.split(",").map((s) => s.trim()) ?? SECTIONS);
  const sections = SECTIONS.filter((s) => only.has(s));
  const sizes = values.sizes?.split(",").map(Number) ?? (quick ? [1000, 10_000] : [1000, 10_000, 100_000]);
  const repetitions = quick ? 1 : 3;
  const latencyConfig: LatencyConfig = {
    connections: [1, 10, 50],
    repetitions,
    requests: quick ? (c) => Math.max(50, c * 2) : (c) => (c === 1 ? 150 : c === 10 ? 250 : 400),
    warmup: quick ? 30 : 100,
    paced: quick ? 30 : 100,
    pacedRounds: quick ? 1 : 7,
    breakdown: values.breakdown === true,
  };
  const startedAt = new Date();
  const progress = (line: string) => process.stderr.write(`${line}\n`);

  const searchConfig: SearchConfig = {
    people: 5000,
    teams: 400,
    connections: [1, 10],
    repetitions,
    requests: quick ? 100 : 400,
    warmup: quick ? 50 : 200,
  };
  let latency: LatencyResult | undefined;
  let search: SearchResult | undefined;
  let token: TokenResult | undefined;
  let startup: StartupEntry[] | undefined;
  let sweep: SweepSize[] | undefined;
  let files: FilesResult | undefined;
  let cards: CardsResult | undefined;
  let directory: DirectoryResult | undefined;
  const has = (section: Section) => sections.includes(section);
  if (has("latency")) latency = await runLatency(latencyConfig, progress);
  if (has("search")) search = await runSearch(searchConfig, progress);
  if (has("token")) token = await runToken({ requests: quick ? 200 : 2000 }, progress);
  if (has("startup")) startup = await runStartup({ repetitions: quick ? 1 : 5 }, progress);
  if (has("sweep")) {
    sweep = await runSweep(
      // performance.now() counts from this process's start.
      { sizes, due: 100, repetitions, deadline: BUDGET_MS },
      progress,
    );
  }
  if (has("files")) files = await runFiles({ repetitions: quick ? 1 : 3, escalations: 10_000 }, progress);
  if (has("cards"))
    cards = runCards(
      { repetitions: quick ? 1 : 5, escalations: quick ? 200 : 1000, baselineEscalations: quick ? 10 : 40 },
      progress,
    );
  if (has("directory"))
    directory = runDirectory(
      { people: 5000, teams: 400, repetitions: quick ? 1 : 5, questions: quick ? 2000 : 20_000 },
      progress,
    );
  const wallMs = Date.now() - startedAt.getTime();

  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: os.totalmem() / 2 ** 30,
    platform: `${os.platform()} ${os.release()}`,
  };
  const lines = [
    `Escalation bot benchmark, ${startedAt.toISOString()}${quick ? " (--quick: one short run each, not for quoting)" : ""}`,
    `Node ${machine.node} on ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB.toFixed(1)} GiB. ` +
      `Each figure is the median of ${repetitions} runs${has("startup") ? ` (start-up: ${quick ? 1 : 5})` : ""}` +
      `${latency ? `, the paced table's of ${latencyConfig.pacedRounds} rounds` : ""}; ` +
      `ratios are against baselines measured in the same run.`,
    "",
    ...(latency ? latencyReport(latency, latencyConfig) : []),
    ...(latency?.breakdown ? breakdownReport(latency.breakdown) : []),
    ...(search ? searchReport(search) : []),
    ...(token ? tokenReport(token) : []),
    ...(startup ? startupReport(startup) : []),
    ...(sweep ? sweepReport(sweep) : []),
    ...(files ? filesReport(files) : []),
    ...(cards ? cardsReport(cards) : []),
    ...(directory ? directoryReport(directory) : []),
    `Load generator (autocannon) process: peak RSS ${fmt(peakRssMiB(), 0)} MiB. Wall time ${fmt(wallMs / 1000, 0)} s.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  const file = path.join(ROOT, "bench/results", `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        wallMs,
        quick,
        machine,
        config: {
          ...latencyConfig,
          requests: latencyConfig.connections.map((c) => latencyConfig.requests(c)),
          sizes,
        },
        latency,
        search,
        token,
        startup,
        sweep,
        files,
        cards,
        directory,
        loadGeneratorPeakRssMiB: peakRssMiB(),
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`Results: ${path.relative(process.cwd(), file)}\n`);
}

function cardsReport(result: CardsResult): string[] {
  const row = (what: string, t: CardsResult["answer"]) => [
    what,
    fmt(t.ms, 2),
    fmt(t.baselineMs, 2),
    `${fmt(ratio(t.ms, t.baselineMs), 3)}x`,
    String(t.cards),
    `${fmt(t.bytes / 1024, 0)} KB`,
  ];
  return [
    "CARDS: the cards of one action, drawn in the benchmark's process, CPU ms per action (median of rounds of",
    "escalations each of a child of its own). Baseline: the same cards, each expanded whole by the templating",
    "engine from the same view model, nothing parsed ahead and nothing kept",
    "",
    table([
      ["drawn", "ms", "baseline ms", "x", "cards", "size"],
      row("the answer to a Level 1 response (the Team Manager's)", result.answer),
      row("the answer and a message to each other person on it", result.action),
    ]),
    "",
  ];
}

function directoryReport(result: DirectoryResult): string[] {
  const row = (what: string, t: DirectoryResult["actor"], baseline: string) => [
    what,
    fmt(t.us, 2),
    fmt(t.baselineUs, 0),
    `${fmt(ratio(t.us, t.baselineUs), 4)}x`,
    baseline,
  ];
  return [
    `DIRECTORY: what a card action asks of a council's directory (${count(result.people)} people in ${count(result.teams)} teams),`,
    "CPU µs per question (median of rounds; in the benchmark's process). A respond asks who its presser and each",
    "person written to is, and whether anyone may take the stage over for each card",
    "",
    table([
      ["question", "µs", "baseline µs", "x", "baseline"],
      row(
        "who a person is (their roles)",
        result.actor,
        "going through every team, the council and each agency",
      ),
      row(
        "whether anyone may take the stage over",
        result.handOver,
        `the full list gathered and sorted (${count(result.handOver.candidates)} people)`,
      ),
    ]),
    "",
  ];
}

function filesReport(result: FilesResult): string[] {
  const row = (what: string, t: { ms: number; baselineMs: number }, baseline: string, note: string) => [
    what,
    fmt(t.ms, 0),
    fmt(t.baselineMs, 0),
    times(ratio(t.ms, t.baselineMs)),
    baseline,
    note,
  ];
  return [
    "FILES: the record for the child's file and the annual report, in ms (median; in the benchmark's process)",
    "",
    table([
      ["made", "ms", "baseline ms", "x", "baseline", "size"],
      row(
        "record PDF, Level 4, every text at its limit",
        result.record,
        "pdfkit, same words and fonts, untagged",
        `${count(result.record.characters)} characters, ${fmt(result.record.bytes / 1024, 0)} KB`,
      ),
      row(
        "record PDF, answered at Level 1",
        result.levelOneRecord,
        "pdfkit, same words and fonts, untagged",
        `${count(result.levelOneRecord.characters)} characters, ${fmt(result.levelOneRecord.bytes / 1024, 0)} KB`,
      ),
      row(
        `report figures, ${count(result.figures.escalations)} escalations`,
        result.figures,
        "one pass counting the categories",
        "",
      ),
      row(
        "report workbook (xlsx)",
        result.workbook,
        "exceljs, same cells, unformatted",
        `${count(result.workbook.cells)} cells, ${fmt(result.workbook.bytes / 1024, 0)} KB`,
      ),
    ]),
    "",
    "The annual report (2026-27) read from the embedded Cosmos server: the year's escalations alone, then with as",
    "many again from the year before (all concluded then). Baseline: the same query, its documents read raw.",
    "",
    table([
      ["stored", "in period", "report ms", "raw query ms", "x", "Cosmos requests", "documents read"],
      ...result.store.map((s) => [
        count(s.stored),
        count(s.inPeriod),
        fmt(s.ms, 0),
        fmt(s.rawMs, 0),
        times(ratio(s.ms, s.rawMs)),
        fmt(s.cosmosRequests, 0),
        count(s.documentsRead),
      ]),
    ]),
    "The requests and documents follow the period, not the store. The local server has no index and reads every",
    "document per query, so its times grow with the store; on Cosmos DB the raisedAt and concludedAt indexes",
    "serve the query.",
    "",
  ];
}

function tokenReport(result: TokenResult): string[] {
  return [
    "## The token check during a flood of forged key ids",
    "",
    `A valid request's check, in ms: quiet p50 ${fmt(result.quiet.p50, 2)}, p99 ${fmt(result.quiet.p99, 2)}; ` +
      `while ${count(result.forged)} requests with random key ids arrive (metadata endpoint slowed to 1.5 s) ` +
      `p50 ${fmt(result.flood.p50, 2)}, p99 ${fmt(result.flood.p99, 2)} (${times(ratio(result.flood.p50, result.quiet.p50))} at p50). ` +
      `Fetches over the whole section: ${result.fetches.metadata} metadata, ${result.fetches.keys} keys.`,
    "",
  ];
}

function searchReport(result: SearchResult): string[] {
  const rows = result.cells.map((cell) => [
    String(cell.connections),
    fmt(cell.bot.p50),
    fmt(cell.bot.p95),
    fmt(cell.bot.p99),
    fmt(cell.bare.p50),
    fmt(cell.bare.p95),
    fmt(cell.bare.p99),
    times(cell.ratio.p50),
    times(cell.ratio.p99),
    fmt(cell.bot.rps, 0),
    fmt(cell.bare.rps, 0),
    `${cell.botRuns.reduce((n, r) => n + r.verified, 0)}/${cell.botRuns.reduce((n, r) => n + r.requests, 0)}`,
  ]);
  return [
    `## People search (application/search) at ${count(result.people)} people in ${result.teams} teams`,
    "",
    "Latency in ms. Floor: a bare AgentApplication whose search route answers with 15 fixed people.",
    "",
    table([
      [
        "conn",
        "bot p50",
        "bot p95",
        "bot p99",
        "floor p50",
        "floor p95",
        "floor p99",
        "x p50",
        "x p99",
        "bot rps",
        "floor rps",
        "answered",
      ],
      ...rows,
    ]),
    "",
    `Raise form size (Teams refuses over ${fmt(28, 0)} KB; the bot's own limit is ${fmt(result.limitBytes / 1024, 0)} KB): ` +
      result.raiseForm
        .map((f) => `${count(f.people)} people in ${f.teams} teams ${fmt(f.bytes / 1024)} KB`)
        .join(", "),
    "",
  ];
}

/** The places where the bot spends most beyond the floor in a whole action, each verb's; the rest summed. */
const PLACES_SHOWN = 12;

function breakdownReport(verbs: NonNullable<LatencyResult["breakdown"]>): string[] {
  const sum = (places: Readonly<Record<string, number>>) => Object.values(places).reduce((a, b) => a + b, 0);
  return [
    "## Where the CPU goes: the bot beside the store floor (--breakdown)",
    "",
    "Self time per request in ms, from V8's sampling profiler in each server's process during one paced run",
    "after the measured ones, cut to each answer and to each whole action (the answer until its sends have",
    "finished). The profiler slows both alike: compare the columns, not these milliseconds with the tables above.",
    "",
    ...verbs.flatMap(({ verb, bot, floor }) => {
      const places = [...new Set([...Object.keys(bot.action), ...Object.keys(floor.action)])].sort(
        (a, b) =>
          (bot.action[b] ?? 0) - (floor.action[b] ?? 0) - ((bot.action[a] ?? 0) - (floor.action[a] ?? 0)),
      );
      const shown = places.slice(0, PLACES_SHOWN);
      const rest = (side: Readonly<Record<string, number>>) =>
        places.slice(PLACES_SHOWN).reduce((total, place) => total + (side[place] ?? 0), 0);
      const cells = (b: number, f: number) => [fmt(b, 2), fmt(f, 2), fmt(b - f, 2)];
      return [
        `${verb} (${bot.requests} bot and ${floor.requests} floor requests):`,
        "",
        table([
          ["where", "answer bot", "floor", "more", "action bot", "floor", "more"],
          ...shown.map((place) => [
            place,
            ...cells(bot.answer[place] ?? 0, floor.answer[place] ?? 0),
            ...cells(bot.action[place] ?? 0, floor.action[place] ?? 0),
          ]),
          [
            "everything else",
            ...cells(rest(bot.answer), rest(floor.answer)),
            ...cells(rest(bot.action), rest(floor.action)),
          ],
          ["all", ...cells(sum(bot.answer), sum(floor.answer)), ...cells(sum(bot.action), sum(floor.action))],
        ]),
        "",
      ];
    }),
  ];
}

function latencyReport(result: LatencyResult, config: LatencyConfig): string[] {
  const rows = result.cells.map((cell) => {
    const runs = cell.bot.runs;
    const written = runs.reduce((n, r) => n + r.verified, 0);
    const sent = runs.reduce((n, r) => n + r.requests, 0);
    const failed = [...runs, ...cell.bare.runs].reduce((n, r) => n + r.errors + r.non2xx, 0);
    return [
      cell.verb,
      String(cell.connections),
      fmt(cell.bot.median.p50),
      fmt(cell.bot.median.p95),
      fmt(cell.bot.median.p99),
      fmt(cell.bare.median.p50),
      fmt(cell.bare.median.p95),
      fmt(cell.bare.median.p99),
      times(cell.ratio.p50),
      times(cell.ratio.p95),
      times(cell.ratio.p99),
      fmt(cell.bot.median.rps, 0),
      fmt(cell.bare.median.rps, 0),
      fmt(runs.reduce((n, r) => n + r.cosmosPerRequest, 0) / Math.max(1, runs.length)),
      `${written}/${sent}${failed > 0 ? ` (${failed} failed)` : ""}`,
    ];
  });
  const problems = new Map<string, number>();
  for (const cell of result.cells) {
    for (const run of cell.bot.runs) {
      for (const [k, v] of Object.entries(run.problems)) problems.set(k, (problems.get(k) ?? 0) + v);
    }
  }
  const at = (verb: string, connections: number) =>
    result.cells.find((c) => c.verb === verb && c.connections === connections);
  const headline = config.connections.map((connections) => {
    const parts = ["respond", "resolve", "escalate", "raise"].map((verb) => {
      const cell = at(verb, connections);
      return `${verb} ${times(cell?.ratio.p50 ?? Number.NaN)} / ${times(cell?.ratio.p99 ?? Number.NaN)}`;
    });
    return `  ${String(connections).padStart(2)} connection${connections === 1 ? " " : "s"}: ${parts.join(", ")}`;
  });
  return [
    "CARD ACTIONS AND RAISE: Action.Execute invokes over HTTP to the local Node host, latency in ms",
    "bot:  createBot in LOCAL_MODE on the embedded Cosmos server (sample directory), every request a real write",
    "      to an escalation of its own (raise: a fresh formId each), sends after the write to a fake Bot Connector",
    "bare: AgentApplication + one adaptiveCards.actionExecute returning the bot's card, writing nothing, behind",
    "      the same HTTP seam (http-handler) and Node host (serveMessages), driven by the same autocannon harness",
    `requests per run at 1/10/50 connections: ${config.connections.map((c) => config.requests(c)).join("/")}`,
    "",
    table([
      [
        "verb",
        "conns",
        "bot p50",
        "p95",
        "p99",
        "bare p50",
        "p95",
        "p99",
        "x p50",
        "x p95",
        "x p99",
        "bot req/s",
        "bare req/s",
        "Cosmos req/action",
        "written",
      ],
      ...rows,
    ]),
    "",
    "Headline, bot over bare, p50 / p99:",
    ...headline,
    `Warnings and errors the bot logged during the measured runs: ${
      problems.size === 0 ? "none" : [...problems].map(([k, v]) => `${k} x${v}`).join("; ")
    }`,
    `Peak RSS: bot server ${fmt(result.memory.botPeakRssMiB, 0)} MiB, bare server ${fmt(result.memory.barePeakRssMiB, 0)} MiB, ` +
      `store floor ${fmt(result.memory.floorPeakRssMiB, 0)} MiB ` +
      "(each over all its runs; the bot's and the floor's include the embedded Cosmos server and the store it grew).",
    "",
    ...floorReport(result, config),
  ];
}

function floorReport(result: LatencyResult, config: LatencyConfig): string[] {
  const rows = result.floors.map((cell) => [
    cell.verb,
    String(cell.sendsPerAction),
    fmt(cell.bot.p50),
    fmt(cell.floor.p50),
    fmt(cell.bare.p50),
    times(cell.ratio.p50ToFloor),
    times(cell.ratio.p50ToBare),
    fmt(cell.bot.cpuMs),
    fmt(cell.floor.cpuMs),
    fmt(cell.bare.cpuMs),
    times(cell.ratio.cpuToFloor),
    times(cell.ratio.cpuToBare),
    fmt(cell.bot.cosmosPerAction),
    fmt(cell.floor.cosmosPerAction),
    `${cell.bot.verified}/${cell.bot.requests}`,
  ]);
  return [
    "THE ANSWER WITH ITS SENDS ISOLATED, AND CPU PER ACTION, BESIDE THE STORE FLOOR",
    "One request at a time, each sent once the sends the one before started have finished; latency is the",
    "answer's (ms), CPU is the server process's user + system time per action with its sends included (ms).",
    "floor: the same SDK app doing the store calls a minimal design needs on the same embedded server and client",
    "       (a point read, an ETag-guarded replace claiming the owed messages; one replace marking them sent), and",
    "       the messages the bot sent for one such action, sent through the same SDK path to the same fake Bot",
    "       Connector",
    `bare:  as above, no store and no sends. Requests per paced run: ${config.paced}, in ${config.pacedRounds} rounds`,
    "(the floor first in odd rounds, the bot in even ones); ms are medians over the rounds, and each ratio is the",
    "median over the rounds of that round's own ratio",
    "",
    table([
      [
        "verb",
        "sends",
        "bot p50",
        "floor p50",
        "bare p50",
        "x floor",
        "x bare",
        "bot CPU",
        "floor CPU",
        "bare CPU",
        "x floor",
        "x bare",
        "bot Cosmos req",
        "floor Cosmos req",
        "written",
      ],
      ...rows,
    ]),
    "",
  ];
}

function startupReport(entries: readonly StartupEntry[]): string[] {
  return [
    "START-UP: spawning `node <entry>` to its first answered card action (a respond invoke, 200), in ms",
    "Functions entry: the package's main, dist/functions.js, which loads the bundle with the code cache the build",
    "made, in LOCAL_MODE on the embedded Cosmos server (already provisioned), its exported `messages` handler",
    "called with an HttpRequest; the bot is built on that request. Without its code cache: the bundle,",
    "dist/functions.bundle.js, loaded on its own. Unbundled: dist/src/hosts/functions.js, as tsc compiles it",
    "",
    table([
      ["entry", "spawn to 200", "in process", "x SDK only", "module loaded", "peak RSS MiB"],
      ...entries.map((e) => [
        e.name,
        fmt(e.median.wallMs, 0),
        fmt(e.median.inProcessMs, 0),
        times(e.ratioToSdk),
        e.runs[0]?.loadedMs === undefined ? "-" : fmt(median(e.runs.map((r) => r.loadedMs ?? Number.NaN)), 0),
        fmt(e.median.peakRssMiB, 0),
      ]),
    ]),
    "",
  ];
}

function sweepReport(sizes: readonly SweepSize[]): string[] {
  const measured = sizes.filter((s): s is SweepMeasured => !("skipped" in s));
  const base = measured[0];
  const rows = sizes.map((s) => {
    if ("skipped" in s) return [count(s.size), "-", s.skipped];
    const run = s.runs[0];
    return [
      s.stored < s.size ? `${count(s.stored)} of ${count(s.size)}` : count(s.size),
      String(s.due),
      fmt(s.median.ms, 0),
      times(s.ratio.ms),
      fmt(s.median.queryMs, 0),
      fmt(s.median.restMs, 0),
      times(s.ratio.restMs),
      fmt(s.median.cosmosRequests, 0),
      fmt(s.median.requestCharge, 0),
      times(s.ratio.cosmosRequests),
      fmt(s.median.dueQueryMs, 1),
      s.shippedDueQueries.length > 0 ? fmt(s.median.shippedDueQueryMs, 1) : "-",
      String(run?.summary.remindersOwed ?? "-"),
      String(run?.posted ?? "-"),
      fmt(s.peakRssMiB, 0),
    ];
  });
  const linear = measured.every((s) => s.linearQueries);
  return [
    "TIMER SWEEP: one reminders run (bot.runReminders) with 100 escalations due, by store size, in ms",
    "store: 4 in 5 concluded, 1 in 5 open with the next reminder still to come, 100 overdue at Level 1;",
    "each size in a fresh process; the run adds the reminders owed and sends them to the fake Bot Connector",
    "",
    table([
      [
        "escalations",
        "due",
        "run",
        `x ${base ? count(base.stored) : "-"}`,
        "in queries",
        "rest",
        "x",
        "Cosmos requests",
        "charge (RU)*",
        "x",
        "due query",
        "as shipped**",
        "reminders",
        "sent",
        "peak RSS MiB",
      ],
      ...rows,
    ]),
    "* The local server reports a charge of 1 for every request: this is a count of requests, not Azure's RUs.",
    '  It has no index, so each query reads every document: "in queries" grows with the store on it although',
    '  the requests do not; on Cosmos DB the nextActionAt query is served by its index. "rest" is the run less',
    "  its queries: the work that follows the 100 due.",
    linear
      ? "** The local server's query engine copies its working array once per document (O(n²)): the sweep runs it\n" +
        '  with that one expression made linear (bench/support/linear-queries.ts, same results). "as shipped" is\n' +
        "  the due query on the unmodified engine, timed up to 10,000 escalations (at 100,000 it takes minutes)."
      : "** The server's query engine ran as shipped.",
    ...measured.flatMap((s) =>
      s.note ? [`Note: ${count(s.size)}: ${s.note}; the row is that smaller store.`] : [],
    ),
    `Filling: ${measured.map((s) => `${count(s.stored)} in ${fmt(s.insertMs / 1000, 0)} s`).join(", ")}.`,
    "",
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
