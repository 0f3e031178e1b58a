// Which channel carries each owed message, and the policy's e-mail subject: the rules the dispatcher and the
// mail channel follow, as the domain states them.
import { onChannels, TEAMS_ONLY } from "../../../src/domain/outbox";
import { checkPolicy, fillSubject, subjectNamesChild } from "../../../src/domain/policy";
import { applyReminders } from "../../../src/domain/reminders";
import { at, context, people, policy, raised } from "../../builders/escalations";

const byEmailToo = () => ({ teams: true, email: true });

describe("which channel carries an owed message", () => {
  it("where the council sends no e-mail, everything goes in Teams, as before", () => {
    const escalation = raised(context());
    expect(escalation.outbox.every((item) => item.channel === undefined)).toBe(true);
    expect(onChannels(escalation.outbox, policy("dorset-qaro"), TEAMS_ONLY)).toEqual(escalation.outbox);
  });

  it("the kinds the policy e-mails go by e-mail as well, as their own owed message; the rest in Teams only", () => {
    const escalation = raised({ ...context(), reach: byEmailToo });
    const emailed = escalation.outbox.filter((item) => item.channel === "email");
    expect(emailed.map((item) => [item.kind, item.to.id])).toEqual([
      ["stage-assigned", people.teamManager.id],
    ]);
    const teams = escalation.outbox.find(
      (item) => item.kind === "stage-assigned" && item.channel === undefined,
    );
    expect(emailed[0]!.id).toBe(`${teams!.id}:email`);
    expect(escalation.outbox.filter((item) => item.kind === "stage-copy").every((i) => !i.channel)).toBe(
      true,
    );
  });

  it("someone with no Teams account gets every message by e-mail only", () => {
    const reach = (id: string) => ({ teams: id !== people.teamManager.id, email: true });
    const escalation = raised({ ...context(), reach });
    const toManager = escalation.outbox.filter((item) => item.to.id === people.teamManager.id);
    expect(toManager.map((item) => [item.kind, item.channel])).toEqual([["stage-assigned", "email"]]);
    expect(toManager[0]!.id.endsWith(":email")).toBe(false);
  });

  it("a policy's own list decides what is e-mailed", () => {
    const base = policy("dorset-qaro");
    const only = { ...base, email: { ...base.email, kinds: ["stage-copy" as const] } };
    const escalation = raised({ ...context({ policy: only }), reach: byEmailToo });
    expect([
      ...new Set(escalation.outbox.filter((item) => item.channel === "email").map((item) => item.kind)),
    ]).toEqual(["stage-copy"]);
  });

  it("an overdue chase is e-mailed once however often the schedule runs that day", () => {
    const ctx = { ...context(), reach: byEmailToo };
    const escalation = raised(ctx);
    const overdue = { ...at(ctx, "2026-11-12", "09:00"), reach: byEmailToo };
    const once = applyReminders(escalation, overdue).escalation;
    const twice = applyReminders(once, { ...overdue, now: at(ctx, "2026-11-12", "11:00").now }).escalation;
    const chases = twice.outbox.filter((item) => item.kind === "overdue-chase");
    expect(chases.map((item) => item.channel ?? "teams")).toEqual(["teams", "email"]);
  });
});

describe("the e-mail subject", () => {
  it("Dorset's names the child, as its process asks; the others name the reference and stage only", () => {
    expect(subjectNamesChild(policy("dorset-qaro"))).toBe(true);
    for (const id of ["escalation-of-concern", "professional-challenge", "multi-agency"] as const) {
      expect(policy(id).email.subject).toBe("{reference}: {stage}");
      expect(subjectNamesChild(policy(id))).toBe(false);
    }
  });

  it("is filled from the escalation's fields", () => {
    expect(
      fillSubject(policy("dorset-qaro").email.subject, {
        reference: "ESC-1A2B3C4D",
        stage: "Level 1",
        child: "Jamie Lee",
        caseId: "LCS-104233",
        due: "Wednesday 11 November 2026",
      }),
    ).toBe("Action - Level 1 escalation - Jamie Lee - LCS-104233 - Wednesday 11 November 2026");
  });

  it("a field the template cannot fill, or a message kind that does not exist, is refused where it is", () => {
    const base = JSON.parse(JSON.stringify(policy("escalation-of-concern"))) as Record<string, unknown>;
    const check = checkPolicy({
      ...base,
      email: { subject: "{reference} for {childsName}", kinds: ["fax"] },
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => [p.path, p.message])).toEqual([
      [
        "email.subject",
        "unknown field {childsName}; a subject may name {reference}, {stage}, {child}, {caseId}, {due}",
      ],
      ["email.kinds[0]", 'unknown message kind "fax"'],
    ]);
  });
});
