// The escalation store through the real @azure/cosmos client on the in-process server (or the account
// named by COSMOS_ENDPOINT): records round-trip, concurrent writers never overwrite each other, and the
// product's queries return exactly what they should, whatever the page size.
import type { JSONObject } from "@azure/cosmos";

import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosEscalationStore, QUERIES } from "../../src/adapters/cosmos/cosmos-escalation-store";
import { toDocument } from "../../src/adapters/cosmos/escalation-document";
import { actOnEscalation, type ActOutcome } from "../../src/application/act-on-escalation";
import type { Escalation } from "../../src/domain/escalation";
import { AlreadyExists, ConcurrencyConflict } from "../../src/domain/ports";
import {
  MAX_NAMED_REFUSALS,
  reassign,
  refusedAttemptCount,
  resolve,
  respond,
  type RespondCommand,
} from "../../src/domain/transitions";
import { actors, context, ok, people, raised } from "../builders/escalations";
import { openTestDatabase, type TestDatabase } from "../support/cosmos-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db.close();
});

const ctx = context();

function respondCommand(
  actor = actors.teamManager,
  whatDone = "Care plan signed off today.",
): RespondCommand {
  return {
    actor,
    stageId: "stage-1",
    whatDone,
    who: actor.person.name,
    byWhen: "2026-11-10",
    expectedOutcome: { id: ctx.policy.outcomes.items[0]!.id },
  };
}

describe("storing an escalation", () => {
  test("a created escalation reads back equal, with an ETag", async () => {
    const escalation = raised(ctx, { id: "store-roundtrip" });
    const created = await db.escalations.create(escalation);
    const read = await db.escalations.get("store-roundtrip");
    expect(read?.value).toEqual(escalation);
    expect(read?.etag).toBe(created.etag);
  });

  test("creating the same id twice is refused as AlreadyExists and keeps the first", async () => {
    const first = raised(ctx, { id: "store-twice" });
    await db.escalations.create(first);
    const second = { ...first, child: { ...first.child, caseId: "OTHER" } };
    await expect(db.escalations.create(second)).rejects.toBeInstanceOf(AlreadyExists);
    expect((await db.escalations.get("store-twice"))?.value.child.caseId).toBe(first.child.caseId);
  });

  test("a replace with an out-of-date ETag is a ConcurrencyConflict and changes nothing", async () => {
    const escalation = raised(ctx, { id: "store-stale" });
    const { etag } = await db.escalations.create(escalation);
    const answered = ok(respond(escalation, respondCommand(), ctx)).escalation;
    await db.escalations.replace(answered, etag);
    const resolved = ok(
      resolve(
        escalation,
        {
          actor: actors.iro,
          stageId: "stage-1",
          resolvedOn: "2026-11-04",
          outcomeConfirmed: { id: "other", text: "x" },
        },
        ctx,
      ),
    ).escalation;
    await expect(db.escalations.replace(resolved, etag)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await db.escalations.get("store-stale"))?.value).toEqual(answered);
  });

  test("a missing escalation reads as undefined", async () => {
    expect(await db.escalations.get("no-such-escalation")).toBeUndefined();
  });
});

describe("two people acting at once", () => {
  test("the delegate answers twice at once (two devices): one response is recorded, the other is told who answered and when", async () => {
    const escalation = raised(ctx, { id: "race-respond" });
    await db.escalations.create(escalation);
    await actOnEscalation(
      "race-respond",
      (e) =>
        reassign(
          e,
          { actor: actors.teamManager, stageId: "stage-1", to: people.deputyTeamManager, reason: "On leave" },
          ctx,
        ),
      {
        store: db.escalations,
        logger: db.logger,
        now: ctx.now,
        actor: actors.teamManager,
        action: "reassign",
      },
    );

    const [a, b] = await Promise.all([
      actOnEscalation(
        "race-respond",
        (e) => respond(e, respondCommand(actors.deputyTeamManager, "Deputy's first answer"), ctx),
        {
          store: db.escalations,
          logger: db.logger,
          now: ctx.now,
          actor: actors.deputyTeamManager,
          action: "respond",
        },
      ),
      actOnEscalation(
        "race-respond",
        (e) => respond(e, respondCommand(actors.deputyTeamManager, "Deputy's answer"), ctx),
        {
          store: db.escalations,
          logger: db.logger,
          now: ctx.now,
          actor: actors.deputyTeamManager,
          action: "respond",
        },
      ),
    ]);

    const outcomes = [a, b];
    const applied = outcomes.filter((o) => o.kind === "applied");
    const refused = outcomes.filter(
      (o): o is Extract<ActOutcome, { kind: "refused" }> => o.kind === "refused",
    );
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const stored = (await db.escalations.get("race-respond"))!.value;
    const response = stored.stages[0]!.response!;
    const loser = refused[0]!;
    expect(loser.error).toMatchObject({
      code: "already-answered",
      by: response.respondedBy,
      at: response.respondedAt,
    });
    expect(stored.events.map((e) => e.kind)).toEqual(["raised", "reassigned", "responded"]);
  });

  test("twenty refused attempts and one response at the same moment: every attempt is in the record once, nothing is lost", async () => {
    const escalation = raised(ctx, { id: "race-many" });
    await db.escalations.create(escalation);
    const options = (actor = actors.stranger) => ({
      store: db.escalations,
      logger: db.logger,
      now: ctx.now,
      actor,
      action: "respond",
    });
    const attempts = Array.from({ length: 20 }, () =>
      actOnEscalation("race-many", (e) => respond(e, respondCommand(actors.stranger), ctx), options()),
    );
    const answer = actOnEscalation(
      "race-many",
      (e) => respond(e, respondCommand(), ctx),
      options(actors.teamManager),
    );
    const outcomes = await Promise.all([...attempts, answer]);

    expect(outcomes.filter((o) => o.kind === "refused")).toHaveLength(20);
    expect(outcomes.filter((o) => o.kind === "applied")).toHaveLength(1);
    const stored = (await db.escalations.get("race-many"))!.value;
    expect(stored.refusals?.folded).toEqual([
      expect.objectContaining({ person: actors.stranger.person, action: "respond", count: 20 }),
    ]);
    expect(stored.refusals?.recentAttempts).toHaveLength(20);
    expect(stored.events.map((e) => e.kind)).toEqual(["raised", "responded"]);
  });

  test("hardening point 5: hundreds of refused presses by many people leave the escalation writable and bounded", async () => {
    const escalation = raised(ctx, { id: "refusal-flood" });
    await db.escalations.create(escalation);
    const sizeBefore = Buffer.byteLength(JSON.stringify(toDocument(escalation)));
    const strangers = Array.from({ length: 120 }, (_, i) => ({
      person: { id: `p-flood-${i}`, name: `Flood Person ${i}` },
      roles: [],
    }));
    const presses = 300;
    for (let batch = 0; batch < presses; batch += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) => {
          const actor = strangers[(batch + j) % strangers.length]!;
          return actOnEscalation("refusal-flood", (e) => respond(e, respondCommand(actor), ctx), {
            store: db.escalations,
            logger: db.logger,
            now: ctx.now,
            actor,
            action: "respond",
          });
        }),
      );
    }
    const answered = await actOnEscalation("refusal-flood", (e) => respond(e, respondCommand(), ctx), {
      store: db.escalations,
      logger: db.logger,
      now: ctx.now,
      actor: actors.teamManager,
      action: "respond",
    });

    expect(answered.kind).toBe("applied");
    const stored = (await db.escalations.get("refusal-flood"))!.value;
    expect(refusedAttemptCount(stored)).toBe(presses);
    expect(stored.refusals?.folded).toHaveLength(MAX_NAMED_REFUSALS);
    expect(Buffer.byteLength(JSON.stringify(toDocument(stored))) - sizeBefore).toBeLessThan(48 * 1024);
  });

  test("the same response replayed three times records it once and returns the same record", async () => {
    const escalation = raised(ctx, { id: "replay" });
    await db.escalations.create(escalation);
    const opts = {
      store: db.escalations,
      logger: db.logger,
      now: ctx.now,
      actor: actors.teamManager,
      action: "respond",
    };
    const first = await actOnEscalation("replay", (e) => respond(e, respondCommand(), ctx), opts);
    const again = await Promise.all(
      [1, 2, 3].map(() => actOnEscalation("replay", (e) => respond(e, respondCommand(), ctx), opts)),
    );
    expect(first.kind).toBe("applied");
    expect(again.map((o) => o.kind)).toEqual(["unchanged", "unchanged", "unchanged"]);
    const stored = (await db.escalations.get("replay"))!.value;
    expect(stored.events.filter((e) => e.kind === "responded")).toHaveLength(1);
  });
});

describe("the product's queries", () => {
  const STORE_SIZE = 10_000;
  const NOW = "2026-11-20T09:00:00.000Z";
  let dueIds: string[];
  // Its own database, so the other tests' queries do not scan the 10,000 on the local server.
  let db: TestDatabase;

  afterAll(async () => {
    await db.close();
  });

  beforeAll(async () => {
    db = await openTestDatabase();
    // A separate container-sized population: the clones differ in id, next action time and who they wait on.
    const template = raised(ctx, { id: "template" });
    const container = db.database.container(ESCALATIONS.id);
    dueIds = [];
    const documents: Escalation[] = [];
    for (let i = 0; i < STORE_SIZE; i++) {
      const id = `bulk-${String(i).padStart(5, "0")}`;
      // Every 97th is due (at minutes before NOW), every 3rd is due later, the rest have nothing owed.
      let nextActionAt: string | null = null;
      if (i % 97 === 0) {
        nextActionAt = new Date(Date.parse(NOW) - (i % 500) * 60_000).toISOString();
        dueIds.push(id);
      } else if (i % 3 === 0) {
        nextActionAt = new Date(Date.parse(NOW) + (1 + (i % 700)) * 60_000).toISOString();
      }
      documents.push({ ...template, id, nextActionAt });
    }
    // The boundary: exactly now is due.
    documents[1] = { ...documents[1]!, nextActionAt: NOW };
    dueIds.push(documents[1].id);
    // Twenty writers at a time; the deprecated bulk API is avoided and its replacement is slow locally.
    let next = 0;
    const writer = async () => {
      while (next < documents.length) {
        const e = documents[next++]!;
        await container.items.create(JSON.parse(JSON.stringify(toDocument(e))) as JSONObject);
      }
    };
    await Promise.all(Array.from({ length: 20 }, writer));
  }, 120_000);

  test("among 10,000 escalations the due query returns exactly those whose next action time has passed, earliest first", async () => {
    db.logger.entries.length = 0;
    const found = await db.escalations.due(NOW, 100_000);
    const expected = [...dueIds].sort();
    expect([...found].filter((id) => id.startsWith("bulk-")).sort()).toEqual(expected);
    const log = db.logger.entries.find(
      (e) => e.message === "cosmos query" && e.properties["query"] === "due",
    );
    expect(log?.properties).toMatchObject({ count: found.length });
    expect(typeof log?.properties["requestCharge"]).toBe("number");
  });

  test.each([10, 100, 1000])(
    "the due query's answer does not depend on the page size (%i per page)",
    async (pageSize) => {
      const paged = new CosmosEscalationStore(
        db.database.container(ESCALATIONS.id),
        db.logger,
        undefined,
        pageSize,
      );
      const found = await paged.due(NOW, 100_000);
      expect(found.filter((id) => id.startsWith("bulk-")).sort()).toEqual([...dueIds].sort());
      const log = db.logger.entries.filter((e) => e.properties["query"] === "due").at(-1);
      if (pageSize < dueIds.length) expect(log?.properties["pages"]).toBeGreaterThan(1);
    },
  );

  test("the due query stops at its limit, taking the longest-waiting first", async () => {
    const found = await db.escalations.due(NOW, 5);
    expect(found).toHaveLength(5);
    const all = await db.escalations.due(NOW, 100_000);
    expect(found).toEqual(all.slice(0, 5));
  });

  test("every query filters only on fields the container indexes", () => {
    const indexed = new Set(
      ESCALATIONS.indexingPolicy.includedPaths.map((p) =>
        p.path.replace(/^\//, "").replace(/\/(\[\]\/)?\?$/, ""),
      ),
    );
    for (const [name, query] of Object.entries(QUERIES)) {
      const where = query.slice(query.indexOf("WHERE"));
      const fields = [...where.matchAll(/c\.([A-Za-z]+)/g)].map((m) => m[1]!);
      expect({ name, unindexed: fields.filter((f) => !indexed.has(f)) }).toEqual({ name, unindexed: [] });
    }
  });
});

describe("lists", () => {
  test("what waits on a manager, and what an IRO raised", async () => {
    const lctx = context({ now: "2026-11-04T10:00:00.000Z" });
    const a = raised(lctx, { id: "list-a" });
    const b = raised(lctx, { id: "list-b", actor: actors.otherIro });
    const c = ok(respond(raised(lctx, { id: "list-c" }), respondCommand(), lctx)).escalation;
    for (const e of [a, b, c]) await db.escalations.create(e);

    const waiting = (await db.escalations.waitingOn(people.teamManager.id)).filter((s) =>
      s.id.startsWith("list-"),
    );
    expect(waiting.map((s) => s.id).sort()).toEqual(["list-a", "list-b"]);
    expect(waiting[0]).toMatchObject({ stageName: "Level 1", caseId: "MOS-100234", answered: false });

    const raisedByIro = (await db.escalations.raisedBy(people.iro.id)).filter((s) =>
      s.id.startsWith("list-"),
    );
    expect(raisedByIro.map((s) => s.id).sort()).toEqual(["list-a", "list-c"]);
  });

  test("escalations open during a period, for reports", async () => {
    const early = context({ now: "2026-01-07T10:00:00.000Z" });
    const closed = ok(
      resolve(
        raised(early, { id: "period-closed" }),
        {
          actor: actors.iro,
          stageId: "stage-1",
          resolvedOn: "2026-01-08",
          outcomeConfirmed: { id: "other", text: "done" },
        },
        context({ now: "2026-01-08T10:00:00.000Z" }),
      ),
    ).escalation;
    const open = raised(context({ now: "2026-02-10T10:00:00.000Z" }), { id: "period-open" });
    await db.escalations.create(closed);
    await db.escalations.create(open);
    const ids = async (from: string, to: string) => {
      const found: string[] = [];
      for await (const e of db.escalations.openDuring(from, to))
        if (e.id.startsWith("period-")) found.push(e.id);
      return found.sort();
    };
    expect(await ids("2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z")).toEqual(["period-closed"]);
    expect(await ids("2026-02-01T00:00:00.000Z", "2026-03-01T00:00:00.000Z")).toEqual(["period-open"]);
    expect(await ids("2026-01-08T00:00:00.000Z", "2026-03-01T00:00:00.000Z")).toEqual([
      "period-closed",
      "period-open",
    ]);
  });

  test("escalations that still owe a message", async () => {
    const owing = raised(ctx, { id: "pending-1" });
    await db.escalations.create(owing);
    const sent = raised(ctx, { id: "pending-none" });
    await db.escalations.create({
      ...sent,
      outbox: sent.outbox.map((m) => ({ ...m, status: "sent" as const, sentAt: ctx.now })),
    });
    const ids = await db.escalations.withPendingMessages(100_000);
    expect(ids).toContain("pending-1");
    expect(ids).not.toContain("pending-none");
  });
});
