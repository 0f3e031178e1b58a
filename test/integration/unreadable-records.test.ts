// One record the code cannot read (a newer schema version, a hand edit) must not stop the digest or the
// lists (hardening point 6): it is left out, counted, and its id logged; everything else is reported.
import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { toDocument } from "../../src/adapters/cosmos/escalation-document";
import { digestFigures } from "../../src/application/send-digest";
import { context, people, raised } from "../builders/escalations";
import { testServices } from "../fakes/services";
import { openTestDatabase, type TestDatabase } from "../support/cosmos-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase();
  const ctx = context();
  for (const id of ["readable-1", "readable-2"]) await db.escalations.create(raised(ctx, { id }));
  const container = db.database.container(ESCALATIONS.id);
  // A record written by a newer version of the bot, and one edited by hand into something else.
  await container.items.create({ ...toDocument(raised(ctx, { id: "from-the-future" })), schemaVersion: 99 });
  const edited = toDocument(raised(ctx, { id: "hand-edited" }));
  await container.items.create({ ...edited, stages: "see the paper file", summary: { id: "hand-edited" } });
});

afterAll(async () => {
  await db.close();
});

it("the digest counts every readable record, says how many it left out, and logs their ids", async () => {
  const t = testServices({ now: "2026-11-06T10:00:00.000Z" });
  const figures = await digestFigures({ ...t.services, store: db.escalations });
  expect(figures.open).toBe(2);
  expect(figures.unreadable).toBe(2);
  const logged = db.logger.entries
    .filter((e) => e.message === "unreadable escalation left out")
    .map((e) => e.properties["escalationId"]);
  expect(logged).toEqual(expect.arrayContaining(["from-the-future", "hand-edited"]));
});

it("the lists ('my escalations') leave out a summary they cannot read and show the rest", async () => {
  const waiting = await db.escalations.waitingOn(people.teamManager.id);
  expect(waiting.map((s) => s.id).sort()).toEqual(["from-the-future", "readable-1", "readable-2"]);
  const raisedBy = await db.escalations.raisedBy(people.iro.id);
  expect(raisedBy.map((s) => s.id)).not.toContain("hand-edited");
});
