// Where a benchmark server's CPU goes, request by request: V8's sampling profiler in the server's own
// process, its samples cut to two kinds of window, each answer (the handler called until it returns) and each
// whole action (the answer's start until the sends after it have finished), and their self time summed by
// where the code lives: a package, a folder of the bot's code, Node's own modules, garbage collection. The
// profiler slows what it watches, so its milliseconds are compared with each other, never with the latency
// tables.
import type { Profiler, Runtime } from "node:inspector";
import { Session } from "node:inspector/promises";

/** Milliseconds of self time per request, by where the code lives. */
export type Places = Readonly<Record<string, number>>;

export interface Breakdown {
  readonly requests: number;
  /** Inside each answer. */
  readonly answer: Places;
  /** From each answer's start until its sends have finished. */
  readonly action: Places;
}

/** Microseconds between two samples; V8's default is 1,000, too coarse for answers of a few milliseconds. */
const SAMPLING_INTERVAL_US = 50;

type Window = readonly [start: number, end: number];

/** Microseconds on the clock the profiler stamps its samples with. */
function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export class RequestProfiler {
  private session: Session | undefined;
  private answers: Window[] = [];
  private actions: Window[] = [];
  /** When the action under way, whose sends have not yet been waited for, started. */
  private actionStart: number | undefined;

  /** The handler, each call of it an answer window while the profiler runs. */
  handler<Request, Response>(
    handle: (request: Request) => Promise<Response>,
  ): (request: Request) => Promise<Response> {
    return async (request) => {
      if (this.session === undefined) return handle(request);
      const start = nowUs();
      this.actionStart ??= start;
      try {
        return await handle(request);
      } finally {
        this.answers.push([start, nowUs()]);
      }
    };
  }

  /** The sends of the action under way have finished: its window ends. */
  settled(): void {
    if (this.session === undefined || this.actionStart === undefined) return;
    this.actions.push([this.actionStart, nowUs()]);
    this.actionStart = undefined;
  }

  async start(): Promise<void> {
    if (this.session !== undefined) throw new Error("the profiler is already running");
    const session = new Session();
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: SAMPLING_INTERVAL_US });
    await session.post("Profiler.start");
    this.session = session;
    this.answers = [];
    this.actions = [];
    this.actionStart = undefined;
  }

  async stop(): Promise<Breakdown> {
    const session = this.session;
    if (session === undefined) throw new Error("the profiler is not running");
    const { profile } = await session.post("Profiler.stop");
    await session.post("Profiler.disable");
    session.disconnect();
    this.session = undefined;
    return {
      requests: this.answers.length,
      answer: selfTimeIn(profile, this.answers),
      action: selfTimeIn(profile, this.actions),
    };
  }
}

/** Each place's self time inside the windows, in milliseconds per window; time the process sat idle is left out. */
export function selfTimeIn(profile: Profiler.Profile, windows: readonly Window[]): Places {
  if (windows.length === 0) return {};
  const place = new Map(profile.nodes.map((node) => [node.id, placeOf(node.callFrame)]));
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const starts = sorted.map(([start]) => start);
  const microseconds = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  let inWindows = 0;
  for (let i = 0; i < samples.length; i++) {
    const delta = deltas[i] ?? 0;
    at += delta;
    const window = sorted[lastAtOrBefore(starts, at)];
    if (window === undefined || at > window[1]) continue;
    inWindows += 1;
    const where = place.get(samples[i] ?? -1);
    if (where === undefined || where === IDLE) continue;
    microseconds.set(where, (microseconds.get(where) ?? 0) + delta);
  }
  if (inWindows === 0)
    throw new Error("no sample of the profile fell in a request's window: the clocks differ");
  return Object.fromEntries([...microseconds].map(([where, us]) => [where, us / 1000 / windows.length]));
}

/** The index of the last start at or before `at`, or -1. */
function lastAtOrBefore(starts: readonly number[], at: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] ?? Infinity) <= at) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

const IDLE = "(idle)";

/** Where a function's code lives, as the breakdown names it. */
export function placeOf(frame: Pick<Runtime.CallFrame, "functionName" | "url">): string {
  if (frame.functionName === "(idle)") return IDLE;
  if (frame.functionName === "(garbage collector)") return "garbage collection";
  if (frame.functionName === "(program)") return "V8 itself";
  const packages = [...frame.url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g)];
  const name = packages.at(-1)?.[1];
  if (name !== undefined) return name;
  const own = /\/dist\/((?:src|bench)\/(?:[^/]+\/)*)[^/]+\.js$/.exec(frame.url);
  if (own?.[1] !== undefined) return own[1].replace(/\/$/, "");
  // Node's own modules (node:...) and V8's built-in functions (JSON.stringify), which have no file.
  return "Node and V8 built-ins";
}
