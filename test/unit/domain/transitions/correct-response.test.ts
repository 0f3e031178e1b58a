// Corrections, never edits: the person who answered a stage corrects their response until the IRO acts on
// it; the original stays in the event log, on the card and in the record, marked as corrected.
import { escalationCard } from "../../../../src/adapters/cards";
import { recordContent } from "../../../../src/adapters/record/record-content";
import { offered } from "../../../../src/domain/permissions";
import { correctResponse, escalate } from "../../../../src/domain/transitions";
import { actors, calendar, ok, people, refused } from "../../../builders/escalations";
import { inputs, runTexts, showCard } from "../../cards/support";
import {
  answered,
  dorset,
  dorsetLevel1,
  escalateCommand,
  fields,
  monday,
  newMessages,
  respondCommand,
  thursday,
} from "./support";

const correction = (e = answered()) => ({
  ...respondCommand(e),
  whatDone: "The care plan was signed off on 10 November and sent to Jamie's carers.",
  reason: "I gave the wrong date: the plan was signed off a day earlier.",
});

it("replaces the response, keeps the original beside it and appends an event; the IRO and copied people hear", () => {
  const before = answered();
  const original = before.stages[0]!.response!;

  const { escalation, event } = ok(correctResponse(before, correction(before), thursday));

  const stage = escalation.stages[0]!;
  expect(stage.response).toMatchObject({ whatDone: correction().whatDone, respondedBy: people.teamManager });
  expect(stage.corrections).toEqual([
    { original, reason: correction().reason, by: people.teamManager, at: thursday.now },
  ]);
  expect(event).toMatchObject({ kind: "response-corrected", stageId: "stage-1" });
  // The log is appended to, never rewritten: the first answer's event is as it was.
  expect(escalation.events.slice(0, before.events.length)).toEqual(before.events);
  expect(escalation.events.map((e) => e.kind)).toEqual(["raised", "responded", "response-corrected"]);
  expect(newMessages(before, escalation)).toContain("response-corrected → Imogen Reeve");
  expect(newMessages(before, escalation)).not.toContainEqual(expect.stringMatching(/Tariq Mann$/));
});

it("shows the original on the card, marked as corrected, and keeps both in the record", () => {
  const corrected = ok(correctResponse(answered(), correction(), thursday)).escalation;
  const original = answered().stages[0]!.response!;
  const card = escalationCard({
    escalation: corrected,
    policy: dorset.policy,
    viewerId: people.iro.id,
    now: thursday.now,
    calendar,
  });
  const words = runTexts(card).join("");
  expect(words).toContain("Response 1 (corrected): ");
  expect(words).toContain(original.whatDone);
  expect(words).toContain(correction().whatDone);
  expect(words).toContain(`Reason: ${correction().reason}`);
  const record = recordContent(corrected, dorset.policy, calendar).sections;
  const since = record.find((s) => s.heading === "Level 1: response as first given, since corrected");
  expect(since?.lines).toContainEqual({
    label: "What is being done or has been done",
    value: original.whatDone,
  });
  expect(since?.lines).toContainEqual({ label: "Reason for the correction", value: correction().reason });
  expect(record.find((s) => s.heading === "Level 1: response (corrected)")?.lines).toContainEqual({
    label: "What is being done or has been done",
    value: correction().whatDone,
  });
});

it("is offered to the person who answered, pre-filled, and to no one else", () => {
  const e = answered();
  const offer = (who: typeof actors.iro) =>
    offered(e, who, dorset.policy, thursday.now, dorset.calendar)["correct-response"];
  expect(offer(actors.teamManager)).toBe(true);
  expect(offer(actors.iro)).toBe(false);
  const card = escalationCard({
    escalation: e,
    policy: dorset.policy,
    viewerId: people.teamManager.id,
    now: thursday.now,
    calendar,
  });
  const form = showCard(card, "Correct my response");
  expect(inputs(form).find((n) => n["id"] === "whatDone")?.["value"]).toBe(e.stages[0]!.response!.whatDone);
  expect(inputs(form).find((n) => n["id"] === "correctionReason")).toMatchObject({ isRequired: true });
  expect(
    refused(correctResponse(e, { ...correction(e), actor: actors.iro }, thursday), "not-permitted"),
  ).toBeDefined();
});

it("is refused once the IRO has acted on the response, and before there is one", () => {
  const e = answered();
  const escalated = ok(escalate(e, escalateCommand(e), thursday)).escalation;
  expect(refused(correctResponse(escalated, correction(e), thursday), "stage-not-current")).toBeDefined();
  const waiting = dorsetLevel1();
  const early = { ...correction(waiting), stageId: "stage-1" };
  expect(refused(correctResponse(waiting, early, thursday), "illegal-move").message).toBe(
    "Level 1 has not been answered yet: there is nothing to correct.",
  );
});

it("asks why, refuses a correction that changes nothing, and records a replay once", () => {
  const e = answered();
  expect(fields(correctResponse(e, { ...correction(e), reason: "" }, thursday))).toEqual([
    "correction.reason",
  ]);
  expect(fields(correctResponse(e, { ...respondCommand(e), reason: "No change." }, thursday))).toEqual([
    "correction.reason",
  ]);
  const once = ok(correctResponse(e, correction(e), thursday)).escalation;
  expect(ok(correctResponse(once, correction(e), monday))).toEqual({ escalation: once, changed: false });
});
