// A concern between agencies walked through the partnership's Stages of Escalation (seed 003) in Teams and by
// e-mail: Children's Social Care leads, the police's managers answer in Teams, health's are reached by
// e-mail only. It reaches stage 4 and resolves: the Escalation Notification Form is asked for at stage 3 and
// updated at stage 4, every party hears each step, and the record holds it all.
import type { ParsedMail } from "mailparser";

import { VERBS } from "../../src/adapters/cards";
import { recordContent } from "../../src/adapters/record/record-content";
import type { Escalation } from "../../src/domain/escalation";
import { everyoneSentCards } from "../../src/domain/transitions/record";
import {
  BotHarness,
  buttonsOf,
  type Card,
  cardText,
  headlineOf,
  previewOf,
  raiseThroughCard,
  SAMPLE_DIRECTORY,
  type TeamsPerson,
} from "../support/bot-harness";

let h: BotHarness;
let id: string;
const snapshots: Escalation[] = [];

const idOf = (name: string) => SAMPLE_DIRECTORY.people.find((p) => p.name === name)!.id;
const emailOf = (name: string) => SAMPLE_DIRECTORY.people.find((p) => p.name === name)!.email!;
const latestCard = (person: TeamsPerson): Card => person.received().at(-1)!.card;
const to = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ""));

/** The e-mails sent to this address since the walk began. */
async function mailsTo(name: string): Promise<ParsedMail[]> {
  return (await h.emails()).filter((m) => to(m).includes(emailOf(name)));
}

const TEAMS_PEOPLE = [
  "Priya Shah",
  "Ben Hughes",
  "Daniel Reid",
  "Rhys Morgan",
  "Hannah Brooks",
  "Aisha Khan",
  "Kieran Doyle",
  "Graham Ellis",
  "Carol Hughes",
  "Helen Marsh",
];

async function step(action: () => Promise<unknown>): Promise<Escalation> {
  await action();
  await h.idle();
  const e = await h.escalation(id);
  snapshots.push(e);
  return e;
}

beforeAll(async () => {
  h = await BotHarness.start({ env: { POLICY: "multi-agency" }, mail: true });
  for (const name of TEAMS_PEOPLE) await h.as(name).install();
  for (const name of TEAMS_PEOPLE) h.as(name).newCards();
  h.clock.set("2026-11-04T10:00:00.000Z");
  id = await raiseThroughCard(h, h.as("Priya Shah"), VERBS.raise, {
    categories: "health-issues",
    outcomeSought: "safeguarding-concern-addressed",
    responsibleId: idOf("Ben Hughes"),
    timescaleWorkingDays: "2",
    leadAgency: "childrens-social-care",
    agencies: "police,health",
  });
  snapshots.push(await h.escalation(id));
}, 60_000);

afterAll(() => h.close());

describe("a multi-agency escalation with the police and health", () => {
  it("is raised with the lead agency and the others taking part; stage 1 goes to the front-line worker", () => {
    const e = snapshots[0]!;
    expect(e.agencies?.lead.name).toBe("Children's Social Care");
    expect(e.agencies?.involved.map((a) => a.name)).toEqual(["Children's Social Care", "Police", "Health"]);
    expect(e.stages[0]!.responsible.name).toBe("Ben Hughes");
    expect(headlineOf(latestCard(h.as("Ben Hughes")))).toBe(
      "You are asked to respond: Stage 1: Discussion between front line workers",
    );
  });

  it("at stage 2 each agency's manager is asked: in Teams, and by e-mail for health's, who has no Teams account", async () => {
    h.clock.set("2026-11-05T10:00:00.000Z");
    await step(() =>
      h.as("Ben Hughes").press(latestCard(h.as("Ben Hughes")), VERBS.respond, {
        whatDone: "I explained the decision; the health assessment is still not booked.",
        who: "Ben Hughes",
        byWhen: "2026-11-20",
        expectedOutcome: "safeguarding-concern-addressed",
      }),
    );
    const e = await step(() =>
      h.as("Priya Shah").press(latestCard(h.as("Priya Shah")), VERBS.escalate, {
        reasons: "The agencies disagree about who books the assessment.",
        timescaleDate: "2026-11-10",
      }),
    );
    expect(e.stages.at(-1)!.parties!.map((p) => [p.agency.name, p.people.map((x) => x.name)])).toEqual([
      ["Children's Social Care", ["Daniel Reid"]],
      ["Police", ["Rhys Morgan"]],
      ["Health", ["Maria Lopez"]],
    ]);
    for (const name of ["Daniel Reid", "Rhys Morgan"]) {
      const card = latestCard(h.as(name));
      expect(headlineOf(card)).toBe("You are asked to respond: Stage 2: Discussion between team or managers");
      expect(buttonsOf(card).map((b) => b.verb)).toContain(VERBS.respond);
    }
    const toMaria = await mailsTo("Maria Lopez");
    expect(toMaria.map((m) => m.subject)).toEqual([
      expect.stringContaining("Stage 2: Discussion between team or managers"),
    ]);
  });

  it("any agency's manager may answer for their agency; the others hear it was answered", async () => {
    h.clock.set("2026-11-06T10:00:00.000Z");
    const e = await step(() =>
      h.as("Rhys Morgan").press(latestCard(h.as("Rhys Morgan")), VERBS.respond, {
        whatDone: "Police will share the strategy minutes with health today.",
        who: "Rhys Morgan",
        byWhen: "2026-11-09",
        expectedOutcome: "safeguarding-concern-addressed",
      }),
    );
    expect(e.stages.at(-1)!.response).toMatchObject({ forAgency: { name: "Police" } });
    expect(headlineOf(latestCard(h.as("Daniel Reid")))).toBe(
      "Answered: Stage 2: Discussion between team or managers",
    );
    expect(cardText(latestCard(h.as("Priya Shah")))).toContain("Rhys Morgan for Police");
    expect((await mailsTo("Maria Lopez")).length).toBe(2);
  });

  it("at stage 3 the Service Manager or the Named Safeguarding Lead of each agency is asked; the lead agency's is asked for the form", async () => {
    h.clock.set("2026-11-09T10:00:00.000Z");
    const e = await step(() =>
      h.as("Priya Shah").press(latestCard(h.as("Priya Shah")), VERBS.escalate, {
        reasons: "No agreement on the assessment between the managers.",
        timescaleDate: "2026-11-13",
      }),
    );
    expect(e.stages.at(-1)!.parties!.map((p) => [p.agency.name, p.people.map((x) => x.name)])).toEqual([
      ["Children's Social Care", ["Hannah Brooks"]],
      ["Police", ["Aisha Khan"]],
      ["Health", ["Tom Baker"]],
    ]);
    const hannah = latestCard(h.as("Hannah Brooks"));
    expect(buttonsOf(hannah).map((b) => b.title)).toContain("Complete the Escalation Notification Form");
    expect(cardText(hannah)).toContain("Asked of Children's Social Care: identified policy/practice issues");
    expect(buttonsOf(latestCard(h.as("Aisha Khan"))).map((b) => b.title)).not.toContain(
      "Complete the Escalation Notification Form",
    );
    expect((await mailsTo("Tom Baker")).map((m) => m.subject)).toEqual([
      expect.stringContaining("Stage 3: Escalate to Service Managers or Named Safeguarding Leads"),
    ]);
  });

  it("the lead agency's manager sends the form to the partnership, and every party is told", async () => {
    h.clock.set("2026-11-10T10:00:00.000Z");
    const e = await step(() =>
      h.as("Hannah Brooks").press(latestCard(h.as("Hannah Brooks")), VERBS.notificationForm, {
        notificationAnswer: "Health assessments for children on plans are not booked when agencies disagree.",
        notificationResolved: "false",
      }),
    );
    expect(e.notificationForm).toHaveLength(1);
    const toCarol = latestCard(h.as("Carol Hughes"));
    expect(headlineOf(toCarol)).toBe("The lead agency's Escalation Notification Form");
    expect(cardText(toCarol)).toContain("Health assessments for children on plans are not booked");
    expect(headlineOf(latestCard(h.as("Aisha Khan")))).toBe(
      "Feedback to all parties. The Escalation Notification Form was sent to the partnership",
    );
    expect((await mailsTo("Tom Baker")).length).toBe(2);
  });

  it("at stage 4 the lead agency updates the form, an answer comes and the concern resolves", async () => {
    h.clock.set("2026-11-11T10:00:00.000Z");
    await step(() =>
      h.as("Aisha Khan").press(latestCard(h.as("Aisha Khan")), VERBS.respond, {
        whatDone: "Police agree health books the assessment; still no date from health.",
        who: "Aisha Khan",
        byWhen: "2026-11-16",
        expectedOutcome: "safeguarding-concern-addressed",
      }),
    );
    h.clock.set("2026-11-12T10:00:00.000Z");
    let e = await step(() =>
      h.as("Priya Shah").press(latestCard(h.as("Priya Shah")), VERBS.escalate, {
        reasons: "Health has given no date: senior managers must agree.",
        timescaleDate: "2026-11-18",
      }),
    );
    expect(e.stages.at(-1)!.parties!.map((p) => [p.agency.name, p.people.map((x) => x.name)])).toEqual([
      ["Children's Social Care", ["Kieran Doyle"]],
      ["Police", ["Graham Ellis"]],
      ["Health", ["Ruth Adeyemi"]],
    ]);
    const kieran = latestCard(h.as("Kieran Doyle"));
    expect(buttonsOf(kieran).map((b) => b.title)).toContain("Update the Escalation Notification Form");
    h.clock.set("2026-11-13T10:00:00.000Z");
    e = await step(() =>
      h.as("Kieran Doyle").press(kieran, VERBS.notificationForm, {
        notificationAnswer: "Outcome: health books assessments within 5 days when agencies disagree.",
        notificationResolved: "true",
      }),
    );
    e = await step(() =>
      h.as("Graham Ellis").press(latestCard(h.as("Graham Ellis")), VERBS.respond, {
        whatDone: "Agreed: health booked the assessment for 17 November.",
        who: "Ruth Adeyemi",
        byWhen: "2026-11-17",
        expectedOutcome: "safeguarding-concern-addressed",
      }),
    );
    e = await step(() =>
      h.as("Priya Shah").press(latestCard(h.as("Priya Shah")), VERBS.resolve, {
        resolvedOn: "2026-11-13",
        outcomeConfirmed: "safeguarding-concern-addressed",
      }),
    );
    expect(e.status).toBe("resolved");
    expect(e.notificationForm!.map((x) => [x.stageId, x.resolved])).toEqual([
      ["stage-3", false],
      ["stage-4", true],
    ]);
    expect(e.outbox.filter((m) => m.status !== "sent")).toEqual([]);
  });

  it("every party heard every step: each person a stage card went to, but the one who acted, was sent a message", () => {
    for (const [i, after] of snapshots.entries()) {
      if (i === 0) continue;
      const before = snapshots[i - 1]!;
      for (const event of after.events.slice(before.events.length)) {
        const told = new Set(
          after.outbox.filter((m) => m.id.startsWith(`e${event.seq}:`)).map((m) => m.to.id),
        );
        const missed = everyoneSentCards(after)
          .filter((p) => p.id !== event.actor.id && !told.has(p.id))
          .map((p) => p.name);
        expect([event.kind, missed]).toEqual([event.kind, []]);
      }
    }
    // The people health has are told by e-mail, every step.
    const last = snapshots.at(-1)!;
    const byEmail = last.outbox.filter((m) => m.channel === "email" && m.to.name === "Maria Lopez");
    expect(byEmail.length).toBeGreaterThanOrEqual(6);
  });

  it("the record holds the agencies, each stage's people, who answered for whom, and the form as sent and updated", () => {
    const e = snapshots.at(-1)!;
    const policy = h.bot.services.policies.get("multi-agency")!;
    const text = recordContent(e, policy, h.bot.services.calendar)
      .sections.flatMap((s) => [s.heading, ...s.lines.map((l) => `${l.label}: ${l.value}`)])
      .join("\n");
    for (const expected of [
      "Lead agency: Children's Social Care",
      "Agencies taking part: Children's Social Care, Police, Health",
      "For Police: Aisha Khan",
      "For Health: Ruth Adeyemi",
      "Responded by: Rhys Morgan for Police",
      "Escalation Notification Form (Stage 3: Escalate to Service Managers or Named Safeguarding Leads)",
      "Identified policy/practice issues: Health assessments for children on plans are not booked",
      "Escalation Notification Form, update 1 (Stage 4: Escalate to Senior Managers or Designated Safeguarding Leads)",
      "Remaining issues or outcome: Outcome: health books assessments within 5 days",
      "sent the Escalation Notification Form to the partnership",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("no preview names the child", () => {
    const previews = h.connector.activities().map((a) => previewOf(a.activity));
    expect(previews.filter((p) => p.includes("Jamie"))).toEqual([]);
  });
});
