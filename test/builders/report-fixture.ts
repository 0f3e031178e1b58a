// Thirty-two escalations under Dorset's policy across two quarters (April–June and July–September 2026) and
// two teams, walked through the domain's own transitions, with every ending: resolved under several
// outcomes, referred to Cafcass, withdrawn, and some still open. The figures they give were worked out by
// hand in test/unit/domain/period-report.test.ts. Each child's name and each concern's text is marked with
// the escalation's letter, so a test can show that no report carries them.
import type { Actor, Escalation } from "../../src/domain/escalation";
import { escalate, extend, referToCafcass, resolve, respond, withdraw } from "../../src/domain/transitions";
import { actors, at, context, ok, raiseCommand, raised } from "./escalations";

export const NORTH = { id: "team-north", name: "North Children in Care Team" } as const;
export const SOUTH = { id: "team-south", name: "South Children in Care Team" } as const;

const dorset = context();

export function childNameOf(id: string): string {
  return `Childname${id} Fixture`;
}

export function concernTextOf(id: string): string {
  return `Concern text of ${id}`;
}

interface Spec {
  readonly id: string;
  readonly team: typeof NORTH | typeof SOUTH;
  readonly raisedOn: string;
  readonly categories: readonly string[];
  readonly legalStatus?: "CIC" | "CP";
  readonly startAtLevel2?: boolean;
}

function raisedFrom(spec: Spec): Escalation {
  const ctx = at(dorset, spec.raisedOn);
  const base = raiseCommand(ctx);
  return raised(ctx, {
    id: `esc-${spec.id.toLowerCase()}`,
    team: spec.team,
    child: {
      ...base.child,
      name: childNameOf(spec.id),
      caseId: `CASE-${spec.id}`,
      legalStatus: spec.legalStatus ?? "CIC",
    },
    concern: {
      ...base.concern,
      categories: spec.categories.map((id) => ({ id })),
      summary: concernTextOf(spec.id),
      impactOnChild: concernTextOf(spec.id),
    },
    ...(spec.startAtLevel2
      ? {
          startStageId: "stage-2",
          bypassReason: concernTextOf(spec.id),
          qaManagerConsulted: true,
        }
      : {}),
  });
}

function answered(e: Escalation, day: string, by: Actor = actors.teamManager): Escalation {
  const stage = e.stages.at(-1)!;
  return ok(
    respond(
      e,
      {
        actor: by,
        stageId: stage.stageId,
        whatDone: concernTextOf(e.id),
        who: "Tariq Mann",
        byWhen: "2026-12-01",
        expectedOutcome: { id: "childs-plan-on-track" },
      },
      at(dorset, day),
    ),
  ).escalation;
}

function resolved(e: Escalation, day: string, outcome: string): Escalation {
  return ok(
    resolve(
      e,
      {
        actor: actors.iro,
        stageId: e.stages.at(-1)!.stageId,
        resolvedOn: day,
        outcomeConfirmed: { id: outcome },
      },
      at(dorset, day, "15:00"),
    ),
  ).escalation;
}

function withdrawn(e: Escalation, day: string): Escalation {
  return ok(
    withdraw(
      e,
      { actor: actors.iro, stageId: e.stages.at(-1)!.stageId, reason: concernTextOf(e.id) },
      at(dorset, day),
    ),
  ).escalation;
}

const letters = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** The 32 escalations, as they stand at the end of 2026. */
export function reportFixture(): Escalation[] {
  const all: Escalation[] = [];
  // April–June.
  for (const id of letters("R", 1, 8)) {
    const n = Number(id.slice(1));
    const e = raisedFrom({
      id,
      team: n <= 4 ? NORTH : SOUTH,
      raisedOn: "2026-06-01",
      categories: n <= 4 ? ["care-plan-implementation"] : ["safety", "health-issues"],
      legalStatus: n >= 7 ? "CP" : "CIC",
    });
    all.push(
      resolved(answered(e, "2026-06-04"), "2026-06-05", n <= 4 ? "childs-plan-on-track" : "visits-on-track"),
    );
  }
  for (const id of letters("W", 1, 2)) {
    all.push(
      withdrawn(
        raisedFrom({ id, team: SOUTH, raisedOn: "2026-06-08", categories: ["family-time"] }),
        "2026-06-10",
      ),
    );
  }
  for (const id of letters("B", 1, 2)) {
    const e = raisedFrom({
      id,
      team: NORTH,
      raisedOn: "2026-06-08",
      categories: ["safety"],
      startAtLevel2: true,
    });
    all.push(
      resolved(
        answered(e, "2026-06-10", actors.serviceManager),
        "2026-06-11",
        "safeguarding-concern-addressed",
      ),
    );
  }
  for (const id of letters("L", 1, 4)) {
    let e = answered(
      raisedFrom({ id, team: NORTH, raisedOn: "2026-06-15", categories: ["education-issues"] }),
      "2026-06-23",
    );
    e = ok(
      escalate(
        e,
        { actor: actors.iro, stageId: "stage-1", reasons: concernTextOf(id) },
        at(dorset, "2026-06-24"),
      ),
    ).escalation;
    all.push(
      resolved(
        answered(e, "2026-07-02", actors.serviceManager),
        "2026-07-03",
        "permanence-planning-on-track",
      ),
    );
  }
  for (const id of letters("O", 1, 2)) {
    all.push(raisedFrom({ id, team: SOUTH, raisedOn: "2026-06-22", categories: ["where-the-child-lives"] }));
  }
  // July–September.
  for (const id of letters("R", 9, 14)) {
    const n = Number(id.slice(1));
    const e = raisedFrom({
      id,
      team: n <= 11 ? NORTH : SOUTH,
      raisedOn: "2026-07-06",
      categories: ["voice-of-the-child"],
    });
    all.push(resolved(answered(e, "2026-07-09"), "2026-07-10", "childs-plan-on-track"));
  }
  for (const id of letters("X", 1, 2)) {
    let e = raisedFrom({ id, team: SOUTH, raisedOn: "2026-07-13", categories: ["staff-turnover"] });
    e = ok(
      extend(
        e,
        { actor: actors.iro, stageId: "stage-1", newDue: "2026-07-24", reason: concernTextOf(id) },
        at(dorset, "2026-07-16"),
      ),
    ).escalation;
    all.push(resolved(answered(e, "2026-07-22"), "2026-07-23", "key-documentation-recorded"));
  }
  for (const id of letters("C", 1, 2)) {
    const e = answered(
      raisedFrom({
        id,
        team: NORTH,
        raisedOn: "2026-08-03",
        categories: ["where-the-child-lives", "safety"],
      }),
      "2026-08-05",
    );
    all.push(
      ok(
        referToCafcass(
          e,
          {
            actor: actors.iro,
            stageId: "stage-1",
            reasons: concernTextOf(id),
            nominatedOfficerInformed: true,
            nominatedOfficerInformedOn: "2026-08-06",
          },
          at(dorset, "2026-08-06"),
        ),
      ).escalation,
    );
  }
  all.push(
    withdrawn(
      raisedFrom({ id: "W3", team: NORTH, raisedOn: "2026-09-07", categories: ["transitions"] }),
      "2026-09-09",
    ),
  );
  all.push(
    answered(
      raisedFrom({ id: "Q1", team: SOUTH, raisedOn: "2026-09-14", categories: ["life-story-work"] }),
      "2026-09-16",
    ),
  );
  for (const id of letters("P", 1, 2)) {
    all.push(
      raisedFrom({
        id,
        team: NORTH,
        raisedOn: "2026-09-28",
        categories: ["health-issues"],
        legalStatus: "CP",
      }),
    );
  }
  return all;
}
