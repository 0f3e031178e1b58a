// Seed 001 asks again at stages 2, 3 and 4: the "Brief Summary of concern(s) remaining from Stage N", the
// "Impact on the Child", the "Requested Action: What / Who / By When" and the "Expected Outcome for the
// Child". Escalating asks for them, starting from what was last asked; the next stage's card shows them
// first; the record keeps each stage's.
import { escalationCard } from "../../../../src/adapters/cards";
import { recordContent } from "../../../../src/adapters/record/record-content";
import type { Escalation } from "../../../../src/domain/escalation";
import { escalate, resolve, respond } from "../../../../src/domain/transitions";
import { raise } from "../../../../src/domain/transitions/raise";
import type { RequestDraft } from "../../../../src/domain/transitions/request";
import { actor, at, calendar, context, ok, people, raiseCommand } from "../../../builders/escalations";
import { inputs, runTexts, showCard } from "../../cards/support";
import { escalateCommand, fields, problemFor, respondCommand } from "./support";

const eoc = context({ policy: "escalation-of-concern" });
const days = ["2026-11-04", "2026-11-10", "2026-11-16", "2026-11-23"] as const;

function requestAt(n: number): RequestDraft {
  return {
    summary: `What remains after stage ${n}: the placement plan is still not signed.`,
    impactOnChild: `Stage ${n}: Jamie does not know where he will live after Christmas.`,
    requestedAction: {
      what: `Sign the placement plan (stage ${n + 1})`,
      who: `Manager ${n + 1}`,
      byWhen: "2027-01-15",
    },
    outcomeSought: { id: "permanence-planning-on-track" },
  };
}

function answeredAt(e: Escalation, day: string): Escalation {
  const stage = e.stages.at(-1)!;
  return ok(
    respond(
      e,
      respondCommand(e, actor(stage.responsible, "team-manager"), { byWhen: "2027-01-08" }),
      at(eoc, day, "09:00"),
    ),
  ).escalation;
}

/** Raised at Stage 1 and walked to Stage 4, each escalation asking its stage's own request. */
const input = (card: unknown, id: string) => inputs(card).find((node) => node["id"] === id);

function walk(escalations = 3): Escalation {
  let e = ok(raise(raiseCommand(at(eoc, days[0])), at(eoc, days[0]))).escalation;
  for (let n = 1; n <= escalations; n += 1) {
    e = answeredAt(e, days[n]!);
    e = ok(escalate(e, escalateCommand(e, { request: requestAt(n) }), at(eoc, days[n]!, "11:00"))).escalation;
  }
  return e;
}

describe("each stage's own request (seed 001)", () => {
  it("escalating asks for the summary of what remains, the impact, the action and the outcome, in the form's words", () => {
    let e = ok(raise(raiseCommand(at(eoc, days[0])), at(eoc, days[0]))).escalation;
    e = answeredAt(e, days[1]);
    const result = escalate(e, escalateCommand(e), at(eoc, days[1], "11:00"));
    expect(fields(result).sort()).toEqual([
      "request.impactOnChild",
      "request.outcomeSought",
      "request.requestedAction.byWhen",
      "request.requestedAction.what",
      "request.requestedAction.who",
      "request.summary",
    ]);
    expect(problemFor(result, "request.summary")).toMatch(
      /^Brief Summary of concern\(s\) remaining from Stage 1/,
    );
  });

  it("a policy that does not ask again escalates as before", () => {
    const dorset = context();
    let e = ok(raise(raiseCommand(at(dorset, days[0])), at(dorset, days[0]))).escalation;
    e = ok(respond(e, respondCommand(e), at(dorset, days[1], "09:00"))).escalation;
    const next = ok(escalate(e, escalateCommand(e), at(dorset, days[1], "11:00"))).escalation;
    expect(next.stages.at(-1)!.request).toBeUndefined();
  });

  it("a walk through four stages keeps each stage's request on its stage", () => {
    const e = walk();
    expect(e.stages.map((s) => [s.stageId, s.request?.summary])).toEqual([
      ["stage-1", undefined],
      ["stage-2", requestAt(1).summary],
      ["stage-3", requestAt(2).summary],
      ["stage-4", requestAt(3).summary],
    ]);
    expect(e.concern.summary).not.toBe(requestAt(1).summary);
  });

  it("the next stage's card shows its request first, in the form's words, and earlier stages keep theirs", () => {
    const e = walk();
    const stage4 = e.stages.at(-1)!;
    const card = escalationCard({
      escalation: e,
      policy: eoc.policy,
      viewerId: stage4.responsible.id,
      now: at(eoc, "2026-11-23", "12:00").now,
      calendar,
    });
    const words = runTexts(card).join("");
    const first = words.indexOf("Asked of Stage 4");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(words.indexOf("Date of birth"));
    expect(words).toContain(`Brief Summary of concern(s) remaining from Stage 3: ${requestAt(3).summary}`);
    expect(words).toContain(`Impact on the Child: ${requestAt(3).impactOnChild}`);
    expect(words).toContain(`Requested Action: What: ${requestAt(3).requestedAction!.what}`);
    expect(words).toContain("By When: Friday 15 January 2027");
    expect(words).toContain("Expected Outcome for the Child: Permanence planning back on track");
    expect(words).toContain(`Brief Summary of concern(s) remaining from Stage 1: ${requestAt(1).summary}`);
    expect(words).toContain(`Brief Summary of concern(s) remaining from Stage 2: ${requestAt(2).summary}`);
  });

  it("the escalate form starts from what was last asked", () => {
    let e = walk(2);
    e = answeredAt(e, days[3]);
    const card = escalationCard({
      escalation: e,
      policy: eoc.policy,
      viewerId: people.iro.id,
      now: at(eoc, days[3], "12:00").now,
      calendar,
    });
    expect(input(card, "requestSummary")).toMatchObject({
      label: "Brief Summary of concern(s) remaining from Stage 3 (up to 4,000 characters)",
      value: requestAt(2).summary,
    });
    expect(input(card, "requestByWhen")?.["value"]).toBe("2027-01-15");
    expect(input(card, "requestOutcome")?.["value"]).toBe("permanence-planning-on-track");
  });

  it("the record holds every stage's request", () => {
    const e = walk();
    const text = recordContent(e, eoc.policy, calendar)
      .sections.flatMap((s) => s.lines.map((l) => `${l.label}: ${l.value}`))
      .join("\n");
    for (const n of [1, 2, 3]) {
      expect(text).toContain(
        `Brief Summary of concern(s) remaining from Stage ${n}: ${requestAt(n).summary}`,
      );
      expect(text).toContain(`Impact on the Child: ${requestAt(n).impactOnChild}`);
      expect(text).toContain(`Requested Action: What: ${requestAt(n).requestedAction!.what}`);
    }
  });

  it("the escalate form asks for each of them, required, beside the reasons", () => {
    let e = ok(raise(raiseCommand(at(eoc, days[0])), at(eoc, days[0]))).escalation;
    e = answeredAt(e, days[1]);
    const form = showCard(
      escalationCard({
        escalation: e,
        policy: eoc.policy,
        viewerId: people.iro.id,
        now: at(eoc, days[1], "12:00").now,
        calendar,
      }),
      "Escalate",
    );
    const required = inputs(form)
      .filter((n) => n["isRequired"] === true)
      .map((n) => n["id"]);
    expect(required).toEqual(
      expect.arrayContaining([
        "requestSummary",
        "requestImpact",
        "requestWhat",
        "requestWho",
        "requestByWhen",
        "requestOutcome",
      ]),
    );
  });
});

describe("the resolution is recorded as the stage's form says (seed 001)", () => {
  const resolution = { resolvedOn: days[2], outcomeConfirmed: { id: "permanence-planning-on-track" } };

  it("at Stage 2 the IRO confirms it is recorded in agreement with the Service Manager who answered; card and record say so", () => {
    const e = answeredAt(walk(1), days[2]);
    const manager = e.stages.at(-1)!.response!.respondedBy;
    const when = at(eoc, days[2], "12:00");
    const command = { actor: actor(people.iro, "iro"), stageId: "stage-2", ...resolution };

    const refused = resolve(e, command, when);
    expect(problemFor(refused, "resolution.agreed")).toBe(
      `Confirm that the resolution is recorded in agreement with Service Manager (${manager.name}).`,
    );
    const form = showCard(
      escalationCard({ escalation: e, policy: eoc.policy, viewerId: people.iro.id, now: when.now, calendar }),
      "Resolve",
    );
    expect(inputs(form).find((n) => n["id"] === "agreed")).toMatchObject({
      isRequired: true,
      title: `I record this resolution in agreement with Service Manager: ${manager.name}`,
    });
    expect(runTexts(form).join("") + JSON.stringify(form)).toContain(
      "Resolution of Alert (recorded by IRO in agreement with Service Manager)",
    );

    const resolved = ok(resolve(e, { ...command, agreed: true }, when)).escalation;
    expect(resolved.stages.at(-1)!.ending).toMatchObject({
      kind: "resolved",
      agreedWith: { person: manager, words: "in agreement with Service Manager" },
    });
    const record = recordContent(resolved, eoc.policy, calendar).sections.flatMap((s) => s.lines);
    expect(record).toContainEqual({
      label: "Recorded in agreement with Service Manager",
      value: manager.name,
    });
  });

  it("at Stage 1 the form asks no agreement", () => {
    let e = ok(raise(raiseCommand(at(eoc, days[0])), at(eoc, days[0]))).escalation;
    e = answeredAt(e, days[1]);
    const resolved = ok(
      resolve(
        e,
        { actor: actor(people.iro, "iro"), stageId: "stage-1", ...resolution, resolvedOn: days[1] },
        at(eoc, days[1], "12:00"),
      ),
    ).escalation;
    expect(resolved.stages[0]!.ending).not.toHaveProperty("agreedWith");
  });
});
