// Professional Challenge (seed 004): the IRO or CP Chair "communicates the concern to the SW & ATM /TM ...
// discusses an agreed plan to move forward and completes the informal step within the form", within 1
// working day. The informal stage is the raiser's to record: the plan agreed, with whom and by when. Dorset's
// informal stage stays the manager's to answer.
import { escalationCard } from "../../../../src/adapters/cards";
import { recordContent } from "../../../../src/adapters/record/record-content";
import { offered } from "../../../../src/domain/permissions";
import { escalate, reassign, respond } from "../../../../src/domain/transitions";
import { actors, at, calendar, context, ok, people, raised, refused } from "../../../builders/escalations";
import { actionTitles, inputs, runTexts, showCard } from "../../cards/support";
import { newMessages, problemFor } from "./support";

const pc = context({ policy: "professional-challenge" });
const monday = at(pc, "2026-12-07", "09:30");
const tuesday = at(pc, "2026-12-08", "10:00");
const informal = () => raised(monday);
const plan = {
  actor: actors.iro,
  stageId: "informal",
  whatDone: "Tariq will book the strategy meeting and share the minutes with the carers.",
  who: "Tariq Mann (Team Manager) and Sam Walsh (social worker)",
  byWhen: "2026-12-11",
  expectedOutcome: { id: pc.policy.outcomes.items[0]!.id },
};

it("is the raiser's to complete: no manager is asked to answer, the manager and social worker are told", () => {
  const e = informal();
  const stage = e.stages[0]!;
  expect(stage.stageId).toBe("informal");
  expect(stage.responsible).toEqual(people.iro);
  expect(stage.copied).toEqual(expect.arrayContaining([people.teamManager, people.socialWorker]));
  expect(stage.due.due).toBe("2026-12-08");
  const owed = newMessages(undefined, e);
  expect(owed).not.toContainEqual(expect.stringMatching(/^stage-assigned/));
  expect(owed).toEqual(
    expect.arrayContaining([
      "raised-confirmation → Imogen Reeve",
      "stage-copy → Tariq Mann",
      "stage-copy → Sam Walsh",
    ]),
  );
});

it("her card offers the step in the form's words, with no hand-over; the manager's card offers nothing to answer", () => {
  const e = informal();
  const card = escalationCard({
    escalation: e,
    policy: pc.policy,
    viewerId: people.iro.id,
    now: monday.now,
    calendar,
  });
  expect(actionTitles(card)).toContain("Record the informal step");
  expect(actionTitles(card)).not.toContain("Hand to a delegate");
  const form = showCard(card, "Record the informal step");
  expect(inputs(form).map((n) => n["label"])).toEqual(
    expect.arrayContaining([
      "The agreed plan (up to 4,000 characters)",
      "Who it was agreed with (up to 200 characters)",
    ]),
  );
  expect(offered(e, actors.teamManager, pc.policy, monday.now, pc.calendar)).toMatchObject({
    respond: false,
    reassign: false,
  });
  expect(refused(respond(e, { ...plan, actor: actors.teamManager }, tuesday), "not-permitted")).toBeDefined();
});

it("recording it keeps the plan, tells the manager and social worker (not her), and the concern goes on to Stage 1", () => {
  const before = informal();
  const recorded = ok(respond(before, plan, tuesday)).escalation;
  expect(recorded.stages[0]!.response).toMatchObject({
    whatDone: plan.whatDone,
    who: plan.who,
    respondedBy: people.iro,
  });
  expect(newMessages(before, recorded)).toEqual(["response-copy → Sam Walsh", "response-copy → Tariq Mann"]);
  const card = escalationCard({
    escalation: recorded,
    policy: pc.policy,
    viewerId: people.teamManager.id,
    now: tuesday.now,
    calendar,
  });
  expect(runTexts(card).join("")).toContain(`The agreed plan: ${plan.whatDone}`);
  expect(runTexts(card).join("")).toContain(`Agreed with: ${plan.who}`);
  const record = recordContent(recorded, pc.policy, calendar).sections;
  expect(record.map((s) => s.heading)).toContain("Informal Stage: the informal step");
  expect(record.flatMap((s) => s.lines)).toContainEqual({ label: "The agreed plan", value: plan.whatDone });

  const stage1 = ok(
    escalate(
      recorded,
      { actor: actors.iro, stageId: "informal", reasons: "The meeting did not happen." },
      at(pc, "2026-12-14"),
    ),
  ).escalation;
  expect(stage1.stages.at(-1)).toMatchObject({ stageId: "stage-1", responsible: people.teamManager });
});

it("asks for the plan and with whom, in the form's words", () => {
  expect(problemFor(respond(informal(), { ...plan, whatDone: "" }, tuesday), "response.whatDone")).toMatch(
    /^The agreed plan/,
  );
  expect(problemFor(respond(informal(), { ...plan, who: "" }, tuesday), "response.who")).toMatch(
    /^Who it was agreed with/,
  );
});

it("cannot be handed over", () => {
  const error = refused(
    reassign(
      informal(),
      { actor: actors.iro, stageId: "informal", to: people.deputyTeamManager, reason: "Leave." },
      tuesday,
    ),
    "illegal-move",
  );
  expect(error.message).toBe(
    "Informal Stage is recorded by Imogen Reeve, who raised the concern: it is not handed over.",
  );
});

it("Dorset's informal stage is still the manager's to answer", () => {
  const dorset = context();
  const e = raised(dorset, { startStageId: "informal", timescale: { kind: "working-days", workingDays: 3 } });
  expect(e.stages[0]!.responsible).not.toEqual(people.iro);
  expect(newMessages(undefined, e)).toContainEqual(expect.stringMatching(/^stage-assigned/));
});
