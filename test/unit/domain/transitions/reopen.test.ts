// Re-opening: the IRO or a QA Manager opens a resolved or withdrawn escalation again within the policy's
// window, with the reason. How it ended stays in the log, on the card and in the record.
import { escalationCard } from "../../../../src/adapters/cards";
import { recordContent } from "../../../../src/adapters/record/record-content";
import { offered } from "../../../../src/domain/permissions";
import { reopen, resolve, respond, withdraw } from "../../../../src/domain/transitions";
import { actors, at, calendar, ok, people, refused } from "../../../builders/escalations";
import { actionTitles, runTexts } from "../../cards/support";
import { answered, dorset, dorsetLevel1, fields, newMessages, respondCommand, thursday } from "./support";

const reason = "The carers report the plan was not put in place after all.";
/** Resolved on Thursday 12 November 2026. */
const resolved = () =>
  ok(
    resolve(
      answered(),
      {
        actor: actors.iro,
        stageId: "stage-1",
        resolvedOn: "2026-11-12",
        outcomeConfirmed: { id: "childs-plan-on-track" },
      },
      thursday,
    ),
  ).escalation;
const friday = at(dorset, "2026-11-13");

it("opens the escalation again at the stage it ended, keeps how it ended, appends an event and tells everyone", () => {
  const before = resolved();
  const ending = before.stages[0]!.ending!;

  const { escalation, event } = ok(reopen(before, { actor: actors.iro, stageId: "stage-1", reason }, friday));

  expect(escalation.status).toBe("open");
  expect(escalation.conclusion).toBeUndefined();
  expect(escalation.stages[0]!.ending).toBeUndefined();
  expect(escalation.reopenings).toEqual([
    { conclusion: before.conclusion, ending, reason, by: people.iro, at: friday.now },
  ]);
  expect(event).toMatchObject({ kind: "reopened", data: { previousStatus: "resolved" } });
  expect(escalation.events.slice(0, before.events.length)).toEqual(before.events);
  expect(newMessages(before, escalation)).toEqual(
    expect.arrayContaining(["reopened → Tariq Mann", "reopened → Quinn Abbott"]),
  );
  expect(newMessages(before, escalation)).not.toContain("reopened → Imogen Reeve");
});

it("the card and the record keep how it ended, and the IRO may act on the stage again", () => {
  const e = ok(reopen(resolved(), { actor: actors.iro, stageId: "stage-1", reason }, friday)).escalation;
  const card = escalationCard({
    escalation: e,
    policy: dorset.policy,
    viewerId: people.iro.id,
    now: friday.now,
    calendar,
  });
  const words = runTexts(card).join("");
  expect(words).toContain(`Reason: ${reason}`);
  expect(words).toContain("It had been: resolved by Imogen Reeve");
  expect(actionTitles(card)).toEqual(expect.arrayContaining(["Resolve", "Escalate", "Withdraw"]));
  const record = recordContent(e, dorset.policy, calendar).sections.flatMap((s) => s.lines);
  expect(record).toContainEqual({ label: "Reason for re-opening", value: reason });
  expect(record).toContainEqual({ label: "Date resolved", value: "Thursday 12 November 2026" });
});

it("is offered to the IRO and a QA Manager within the window, never to a manager, and not after it", () => {
  const e = resolved();
  const offer = (who: typeof actors.iro, day: string) =>
    offered(e, who, dorset.policy, at(dorset, day).now, dorset.calendar).reopen;
  expect(offer(actors.iro, "2026-11-13")).toBe(true);
  expect(offer(actors.qaManager, "2026-11-26")).toBe(true);
  expect(offer(actors.teamManager, "2026-11-13")).toBe(false);
  // 10 working days after Thursday 12 November is Thursday 26 November.
  expect(offer(actors.iro, "2026-11-27")).toBe(false);
  const late = refused(
    reopen(e, { actor: actors.iro, stageId: "stage-1", reason }, at(dorset, "2026-11-27")),
    "illegal-move",
  );
  expect(late.message).toMatch(/re-opened until Thursday 26 November 2026/);
  expect(
    refused(reopen(e, { actor: actors.teamManager, stageId: "stage-1", reason }, friday), "not-permitted"),
  ).toBeDefined();
});

it("asks why, refuses an open escalation, and records a replay once", () => {
  expect(fields(reopen(resolved(), { actor: actors.iro, stageId: "stage-1" }, friday))).toEqual([
    "reopen.reason",
  ]);
  expect(
    refused(reopen(dorsetLevel1(), { actor: actors.iro, stageId: "stage-1", reason }, friday), "illegal-move")
      .message,
  ).toBe("The escalation is open: there is nothing to re-open.");
  const once = ok(reopen(resolved(), { actor: actors.iro, stageId: "stage-1", reason }, friday)).escalation;
  expect(ok(reopen(once, { actor: actors.iro, stageId: "stage-1", reason }, friday))).toEqual({
    escalation: once,
    changed: false,
  });
});

it("a withdrawn escalation re-opens with its stage still waiting for the answer", () => {
  const withdrawn = ok(
    withdraw(
      dorsetLevel1(),
      { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
      thursday,
    ),
  ).escalation;
  const e = ok(reopen(withdrawn, { actor: actors.iro, stageId: "stage-1", reason }, friday)).escalation;
  expect(e.status).toBe("open");
  expect(ok(respond(e, respondCommand(e), friday)).escalation.stages[0]!.response).toBeDefined();
});
