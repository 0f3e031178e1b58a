/**
 * The Cosmos DB stores through a network that fails the way real ones do: throttling (429), a service
 * briefly unavailable (503), connections reset, and responses lost after the write was applied. Every
 * fault is retried, and because every escalation write is a create (409 on a repeat) or an ETag-guarded
 * replace (412 on a repeat, then read and decide again), nothing is lost and nothing is applied twice.
 * The directory's writes are upserts and removals, which a repeat leaves as they were.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { THROTTLING_RETRIES } from "../../src/adapters/cosmos/client";
import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { actOnEscalation, type ActOutcome } from "../../src/application/act-on-escalation";
import type { Instant } from "../../src/domain/calendar";
import { type DirectoryData, directorySchema } from "../../src/domain/directory";
import type { Result } from "../../src/domain/errors";
import type { Actor, Escalation } from "../../src/domain/escalation";
import { AlreadyExists, type EscalationStore, type Stored } from "../../src/domain/ports";
import {
  extend,
  keepWaiting,
  raise,
  reassign,
  resolve,
  respond,
  type RespondCommand,
  type Transition,
  type TransitionContext,
} from "../../src/domain/transitions";
import { actors, context, NOW, ok, people, raiseCommand } from "../builders/escalations";
import { openTestDatabase, type TestDatabase } from "../support/cosmos-database";
import {
  type Fault,
  type FaultPlan,
  type FaultyProxy,
  passEverything,
  type ProxiedRequest,
  startFaultyProxy,
} from "../support/faulty-proxy";

const FAST_RETRY = { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 };
const FAULTS: readonly Fault[] = ["throttle", "unavailable", "reset", "lose-response"];

/** The moment `minutes` after the builders' NOW. */
function later(minutes: number): Instant {
  return new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
}

/** A replace that records a refused attempt (see recordRefusal): its version is unchanged. */
function isAuditWrite(request: ProxiedRequest, previous: Map<string, string>): boolean {
  if (!request.isDocumentWrite || request.method !== "PUT") return false;
  const { id, refusals } = JSON.parse(request.body) as {
    id: string;
    refusals?: { recentAttempts?: string[] };
  };
  const latest = refusals?.recentAttempts?.at(-1);
  if (latest === undefined || previous.get(id) === latest) return false;
  previous.set(id, latest);
  return true;
}

/**
 * Every third document write meets the next fault in turn: throttle, unavailable, reset, lose-response.
 * Every fifth read is throttled or unavailable.
 */
function mixedFaults(): FaultPlan {
  let writes = 0;
  let reads = 0;
  let next = 0;
  return (request) => {
    if (request.method === "GET" && request.path.includes("/docs/")) {
      reads += 1;
      if (reads % 5 !== 0) return "pass";
      return reads % 10 === 0 ? "unavailable" : "throttle";
    }
    if (!request.isDocumentWrite) return "pass";
    writes += 1;
    if (writes % 3 !== 0) return "pass";
    return FAULTS[next++ % FAULTS.length] ?? "pass";
  };
}

/** Creates the escalation; a create whose response was lost meets 409 on its retry, so it is read back. */
async function createOrReadBack(
  store: EscalationStore,
  escalation: Escalation,
): Promise<{ readonly stored: Stored<Escalation>; readonly readBack: boolean }> {
  try {
    return { stored: await store.create(escalation), readBack: false };
  } catch (error) {
    if (!(error instanceof AlreadyExists)) throw error;
    const stored = await store.get(escalation.id);
    if (!stored) throw new Error(`${escalation.id} was reported as existing but cannot be read`);
    return { stored, readBack: true };
  }
}

/** The stored document's events, read straight from the container. */
async function storedEvents(db: TestDatabase, id: string): Promise<Escalation["events"]> {
  const { resource } = await db.database.container(ESCALATIONS.id).item(id, id).read<Escalation>();
  if (!resource) throw new Error(`${id} is not stored`);
  return resource.events;
}

describe("the Cosmos DB stores through a faulty network", () => {
  let proxy: FaultyProxy;
  let db: TestDatabase;

  beforeAll(async () => {
    proxy = await startFaultyProxy();
    db = await openTestDatabase({
      endpoint: (server) => proxy.forwardTo(server.endpoint),
      retry: FAST_RETRY,
    });
  });

  afterAll(async () => {
    proxy.plan = passEverything;
    await db.close();
    await proxy.stop();
  });

  afterEach(() => {
    proxy.plan = passEverything;
  });

  async function raised(id: string): Promise<Escalation> {
    const ctx = context();
    const escalation = ok(raise(raiseCommand(ctx, { id }), ctx)).escalation;
    return (await createOrReadBack(db.escalations, escalation)).stored.value;
  }

  function act(
    id: string,
    actor: Actor,
    action: string,
    minutes: number,
    decide: (escalation: Escalation, ctx: TransitionContext) => Result<Transition>,
    store: EscalationStore = db.escalations,
  ): Promise<ActOutcome> {
    const ctx = context({ now: later(minutes) });
    return actOnEscalation(id, (escalation) => decide(escalation, ctx), {
      store,
      logger: db.logger,
      now: ctx.now,
      actor,
      action,
    });
  }

  function response(actor: Actor, stageId: string, whatDone: string, escalation: Escalation): RespondCommand {
    return {
      actor,
      stageId,
      whatDone,
      who: actor.person.name,
      byWhen: "2026-11-30",
      expectedOutcome: escalation.concern.outcomeSought,
    };
  }

  it("retries throttling in one layer only: the SDK's, as many times as the client is set to, then gives up", async () => {
    const escalation = await raised("esc-always-throttled");
    let reads = 0;
    proxy.plan = (request) => {
      if (request.method !== "GET" || !request.path.includes(escalation.id)) return "pass";
      reads += 1;
      return "throttle";
    };

    await expect(db.escalations.get(escalation.id)).rejects.toMatchObject({ code: 429 });
    // One try and the SDK's retries; the project's own retry layer does not multiply them.
    expect(reads).toBe(1 + THROTTLING_RETRIES.maxRetryAttemptCount);
  });

  it("stores a create once when it was throttled and its response lost (AlreadyExists on the retry, then read back)", async () => {
    const ctx = context();
    const escalation = ok(raise(raiseCommand(ctx, { id: "esc-lost-create" }), ctx)).escalation;
    let creates = 0;
    proxy.plan = (request) => {
      if (!request.isDocumentWrite) return "pass";
      creates += 1;
      return creates === 1 ? "throttle" : creates === 2 ? "lose-response" : "pass";
    };
    const before = { ...proxy.injected };

    const { stored, readBack } = await createOrReadBack(db.escalations, escalation);

    expect(readBack).toBe(true);
    expect(stored.value).toEqual(escalation);
    expect(proxy.injected.throttle - before.throttle).toBe(1);
    expect(proxy.injected["lose-response"] - before["lose-response"]).toBe(1);
    // Throttled, applied with its answer lost, then retried into 409.
    expect(creates).toBe(3);
    const { resources } = await db.database
      .container(ESCALATIONS.id)
      .items.query<string>({
        query: "SELECT VALUE c.id FROM c WHERE c.id = @id",
        parameters: [{ name: "@id", value: escalation.id }],
      })
      .fetchAll();
    expect(resources).toEqual([escalation.id]);
    expect(await storedEvents(db, escalation.id)).toEqual(escalation.events);
  });

  it("records each applied action and each refused attempt exactly once through 429s, 503s, resets and lost responses", async () => {
    const id = "esc-faults";
    const escalation = await raised(id);
    const stageId = escalation.stages[0]!.stageId;
    const outcome = escalation.concern.outcomeSought;
    const before = { ...proxy.injected };
    proxy.plan = mixedFaults();

    const STRANGER_ATTEMPTS = 20;
    let minute = 0;
    const refusals: ActOutcome[] = [];
    for (let i = 0; i < STRANGER_ATTEMPTS; i++) {
      refusals.push(
        await act(id, actors.stranger, "respond", ++minute, (e, c) =>
          respond(e, response(actors.stranger, stageId, "Nothing to do with me.", e), c),
        ),
      );
    }
    const actions: ActOutcome[] = [
      await act(id, actors.iro, "extend", ++minute, (e, c) =>
        extend(
          e,
          { actor: actors.iro, stageId, newDue: "2026-11-18", reason: "The team manager is on leave." },
          c,
        ),
      ),
      await act(id, actors.iro, "keep waiting", ++minute, (e, c) =>
        keepWaiting(e, { actor: actors.iro, stageId, until: "2026-11-20" }, c),
      ),
      await act(id, actors.teamManager, "reassign", ++minute, (e, c) =>
        reassign(
          e,
          {
            actor: actors.teamManager,
            stageId,
            to: people.deputyTeamManager,
            reason: "Dana holds the case.",
          },
          c,
        ),
      ),
      await act(id, actors.deputyTeamManager, "respond", ++minute, (e, c) =>
        respond(
          e,
          response(actors.deputyTeamManager, stageId, "The care plan is signed off and shared.", e),
          c,
        ),
      ),
      await act(id, actors.iro, "resolve", ++minute, (e, c) =>
        resolve(e, { actor: actors.iro, stageId, resolvedOn: "2026-11-04", outcomeConfirmed: outcome }, c),
      ),
    ];
    proxy.plan = passEverything;

    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ kind: "refused", error: { code: "not-permitted" } });
    }
    // An action whose response was lost finds itself already done when it reads again: "unchanged".
    for (const action of actions) expect(["applied", "unchanged"]).toContain(action.kind);

    const events = await storedEvents(db, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.kind !== "refused").map((e) => [e.kind, e.at])).toEqual([
      ["raised", NOW],
      ["extended", later(21)],
      ["kept-waiting", later(22)],
      ["reassigned", later(23)],
      ["responded", later(24)],
      ["resolved", later(25)],
    ]);
    const stored = await db.escalations.get(id);
    expect(stored?.value.refusals?.folded).toEqual([
      {
        person: people.stranger,
        action: "respond",
        code: "not-permitted",
        stageId,
        count: STRANGER_ATTEMPTS,
        firstAt: later(1),
        lastAt: later(STRANGER_ATTEMPTS),
      },
    ]);
    expect(stored?.value.status).toBe("resolved");
    expect(stored?.value.stages[0]?.response?.respondedBy).toEqual(people.deputyTeamManager);

    // Each kind of fault really happened, so the test cannot pass vacuously.
    for (const fault of FAULTS) expect(proxy.injected[fault] - before[fault]).toBeGreaterThan(0);
    // Transient faults that reached the store's own retry loop were logged there.
    const retries = db.logger.entries.filter((e) => e.message === "cosmos retry");
    expect(retries.length).toBeGreaterThan(0);
    // A dropped connection has no status: its retry names what it met by its code, as 503s name their status.
    const reasons = new Set(retries.map((e) => e.properties["reason"]));
    expect([...reasons].some((reason) => typeof reason === "string" && /^[A-Z][A-Z_]+$/.test(reason))).toBe(
      true,
    );
    expect(retries.some((e) => e.properties["status"] === 503 && e.properties["reason"] === null)).toBe(true);
  });

  it("records a refused attempt once when the response of its audit write was lost", async () => {
    const id = "esc-lost-audit";
    const escalation = await raised(id);
    const stageId = escalation.stages[0]!.stageId;
    let audits = 0;
    const seen = new Map<string, string>();
    proxy.plan = (request) => (isAuditWrite(request, seen) && ++audits === 1 ? "lose-response" : "pass");

    const outcome = await act(id, actors.stranger, "respond", 1, (e, c) =>
      respond(e, response(actors.stranger, stageId, "Nothing to do with me.", e), c),
    );

    expect(outcome).toMatchObject({ kind: "refused", error: { code: "not-permitted" } });
    expect(audits).toBeGreaterThanOrEqual(1);
    const stored = await db.escalations.get(id);
    expect(stored?.value.refusals?.folded.map((r) => r.count)).toEqual([1]);
    expect(stored?.value.events.filter((e) => e.kind === "refused")).toEqual([]);
  });

  it("lets one of two answers to the same stage at once win (the delegate on two devices); the other is told who answered", async () => {
    const id = "esc-race";
    const escalation = await raised(id);
    const stageId = escalation.stages[0]!.stageId;
    const handedOver = await act(id, actors.teamManager, "reassign", 1, (e, c) =>
      reassign(
        e,
        { actor: actors.teamManager, stageId, to: people.deputyTeamManager, reason: "Dana holds the case." },
        c,
      ),
    );
    expect(handedOver.kind).toBe("applied");
    // Both read the same version before either writes, so one of the two writes must meet a stale ETag.
    const store = bothReadFirst(db.escalations);
    const conflictsBefore = db.logger.entries.filter(
      (e) => e.message === "write conflict, deciding again",
    ).length;

    const [byManager, byDeputy] = await Promise.all([
      act(
        id,
        actors.deputyTeamManager,
        "respond",
        2,
        (e, c) =>
          respond(e, response(actors.deputyTeamManager, stageId, "I have signed off the plan.", e), c),
        store,
      ),
      act(
        id,
        actors.deputyTeamManager,
        "respond",
        2,
        (e, c) =>
          respond(e, response(actors.deputyTeamManager, stageId, "The plan is shared with Jamie.", e), c),
        store,
      ),
    ]);

    const outcomes = [byManager, byDeputy];
    const winner = outcomes.find((o) => o.kind === "applied");
    const loser = outcomes.find((o) => o.kind !== "applied");
    expect(winner).toBeDefined();
    expect(loser).toBeDefined();
    const winnerPerson = people.deputyTeamManager;
    expect(loser).toMatchObject({ kind: "refused", error: { code: "already-answered", by: winnerPerson } });
    const conflicts = db.logger.entries.filter((e) => e.message === "write conflict, deciding again").length;
    expect(conflicts - conflictsBefore).toBe(1);

    const events = await storedEvents(db, id);
    expect(events.map((e) => e.kind)).toEqual(["raised", "reassigned", "responded"]);
    expect(events[2]?.actor).toEqual(winnerPerson);
  });

  it("imports a directory through lost responses: an upsert is repeated harmlessly and a removal already done is not an error", async () => {
    const example = directorySchema.parse(
      JSON.parse(readFileSync(path.join(__dirname, "../../examples/directory.json"), "utf8")),
    );
    await db.directory.replaceAll(example);
    const [first, second, ...rest] = example.people;
    const smaller: DirectoryData = {
      ...example,
      people: [{ ...first!, jobTitle: "QA Manager" }, ...rest.filter((p) => p.id !== second!.id)],
    };
    // The first upsert and the first removal are applied with their answers lost; the upsert's retry is throttled.
    let writes = 0;
    let removals = 0;
    proxy.plan = (request) => {
      if (request.isDocumentWrite) {
        writes += 1;
        return writes === 1 ? "lose-response" : writes === 2 ? "throttle" : "pass";
      }
      if (request.method === "DELETE") return ++removals === 1 ? "lose-response" : "pass";
      return "pass";
    };
    const before = { ...proxy.injected };

    const summary = await db.directory.replaceAll(smaller);
    proxy.plan = passEverything;

    expect(proxy.injected["lose-response"] - before["lose-response"]).toBe(2);
    expect(proxy.injected.throttle - before.throttle).toBe(1);
    expect(removals).toBe(2);
    // Everyone but the one changed and the one removed, every team and agency, and the council's roles.
    const unchanged = example.people.length - 2 + example.teams.length + example.agencies.length + 1;
    expect(summary).toEqual({ added: 0, updated: 1, removed: 1, unchanged });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(await db.directory.load()).toEqual({
      ...smaller,
      people: [...smaller.people].sort(byId),
      teams: [...smaller.teams].sort(byId),
    });
  });
});

/** The store, except that the first two reads wait for each other: two callers then act on the same version. */
function bothReadFirst(store: EscalationStore): EscalationStore {
  let waiting = 0;
  let release: () => void = () => undefined;
  const together = new Promise<void>((resolve) => {
    release = resolve;
  });
  return Object.assign(Object.create(store) as EscalationStore, {
    get: async (id: string) => {
      const read = await store.get(id);
      waiting += 1;
      if (waiting === 2) release();
      if (waiting <= 2) await together;
      return read;
    },
  });
}
