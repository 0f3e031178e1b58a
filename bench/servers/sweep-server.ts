// One store size for the timer sweep, in a process of its own so its peak memory is its own: the bot on the
// embedded Cosmos server holding `size` escalations, of which `due` have a next action time that has passed
// (Level 1 raised on 4 November, overdue by the 16th). The rest are what a council's store mostly holds:
// concluded records (4 in 5) and open ones whose next reminder is still to come (1 in 5).
import { randomUUID } from "node:crypto";

import type { ReminderRunSummary } from "../../src/application/run-reminders";
import type { Escalation } from "../../src/domain/escalation";
import type { EscalationStore } from "../../src/domain/ports";
import type { CosmosCounts } from "../support/cosmos";
import { type Handlers, peakRssMiB, serve } from "../support/ipc";
import { useLinearQueries } from "../support/linear-queries";
import { RAISED_AT, SWEEP_AT } from "../support/sample";
import {
  documentBytes,
  insertCopies,
  raisedTemplate,
  resolvedTemplate,
  restoreCopies,
  type Stack,
  startStack,
} from "../support/stack";

let stack: Stack | undefined;
let due: { template: Escalation; ids: string[] } | undefined;
let queryMs = 0;
/** Whether this server's queries run on the linear form of the engine (see support/linear-queries.ts). */
let linearOn = false;

function started(): { stack: Stack; due: { template: Escalation; ids: string[] } } {
  if (!stack || !due) throw new Error("the sweep server has not started");
  return { stack, due };
}

/** Counts the time the store spends in its queries (what the local server's scans cost), changing nothing. */
function timeQueries(store: EscalationStore): void {
  const timed =
    <A extends unknown[], R>(query: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const startedAt = performance.now();
      try {
        return await query(...args);
      } finally {
        queryMs += performance.now() - startedAt;
      }
    };
  store.due = timed(store.due.bind(store));
  store.withPendingMessages = timed(store.withPendingMessages.bind(store));
}

export interface SweepRun {
  readonly ms: number;
  /** Of which in the store's queries (the due query and the pending-messages query). */
  readonly queryMs: number;
  readonly summary: ReminderRunSummary;
  readonly cosmos: CosmosCounts;
  /** Activities the fake Bot Connector received during the run. */
  readonly posted: number;
  readonly problems: Record<string, number>;
}

const handlers = {
  /** Fills the store; stops filling early (and says how far it got) once `fillBudgetMs` has passed. */
  start: async (options: { size: number; due: number; linearQueries: boolean; fillBudgetMs: number }) => {
    linearOn = options.linearQueries && useLinearQueries(true);
    stack = await startStack("bench-sweep");
    timeQueries(stack.bot.services.store);
    const dueTemplate = await raisedTemplate(stack, RAISED_AT);
    const openTemplate = await raisedTemplate(stack, SWEEP_AT);
    const concludedTemplate = await resolvedTemplate(stack, RAISED_AT, SWEEP_AT);
    if (dueTemplate.nextActionAt === null || dueTemplate.nextActionAt > SWEEP_AT) {
      throw new Error(`the due template's next action (${String(dueTemplate.nextActionAt)}) is not due`);
    }
    if (openTemplate.nextActionAt !== null && openTemplate.nextActionAt <= SWEEP_AT) {
      throw new Error(`the open template's next action (${openTemplate.nextActionAt}) is already due`);
    }
    const background = options.size - options.due;
    const open = Math.round(background / 5);
    const ids = (count: number) => Array.from({ length: count }, () => randomUUID());
    due = { template: dueTemplate, ids: ids(options.due) };
    const startedAt = performance.now();
    const until = startedAt + options.fillBudgetMs;
    let stored = await insertCopies(stack.escalations, dueTemplate, due.ids);
    stored += await insertCopies(stack.escalations, openTemplate, ids(open), { until });
    stored += await insertCopies(stack.escalations, concludedTemplate, ids(background - open), { until });
    const insertMs = performance.now() - startedAt;
    stack.clock.set(SWEEP_AT);
    return {
      stored,
      insertMs,
      linearQueries: linearOn,
      documentBytes: {
        due: documentBytes(dueTemplate),
        open: documentBytes(openTemplate),
        concluded: documentBytes(concludedTemplate),
      },
    };
  },
  /** One reminders run, the due escalations first put back as they were before any run. */
  run: async (): Promise<SweepRun> => {
    const { stack, due } = started();
    await restoreCopies(stack.escalations, due.template, due.ids);
    await stack.bot.idle();
    stack.cosmos.reset();
    stack.logger.take();
    queryMs = 0;
    const posted = stack.connector.posted();
    const startedAt = performance.now();
    const summary = await stack.bot.runReminders(false);
    const ms = performance.now() - startedAt;
    return {
      ms,
      queryMs,
      summary,
      cosmos: stack.cosmos.counts(),
      posted: stack.connector.posted() - posted,
      problems: stack.logger.take(),
    };
  },
  /** The query that finds what is due, on its own; `shipped`: on the server's own quadratic engine. */
  dueQuery: async (options: { shipped: boolean }) => {
    const { stack, due } = started();
    await restoreCopies(stack.escalations, due.template, due.ids);
    useLinearQueries(linearOn && !options.shipped);
    try {
      const startedAt = performance.now();
      const found = await stack.bot.services.store.due(SWEEP_AT, 200);
      return { ms: performance.now() - startedAt, found: found.length };
    } finally {
      useLinearQueries(linearOn);
    }
  },
  memory: () =>
    Promise.resolve({ rssMiB: process.memoryUsage().rss / 1024 / 1024, peakRssMiB: peakRssMiB() }),
  stop: async () => {
    await stack?.close();
  },
} satisfies Handlers;

export type SweepServer = typeof handlers;

serve(handlers);
