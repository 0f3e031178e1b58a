// The whole local run end to end, as its users meet it: `startLocal` (the in-process Cosmos DB server, the
// sample directory, the bot on the Node host and an Agents Playground for each person), driven only through
// the playgrounds' own HTTP API, each person acting in their own playground. Time is a clock the test
// moves; the reminders run when the test says, as the timer would run them.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { reference } from "../../src/adapters/cards";
import type { Escalation } from "../../src/domain/escalation";
import { type LocalStack, startLocal } from "../../src/hosts/local/local-stack";
import { COUNCIL_RAISE_FORM_FIELDS } from "../builders/raise-form-fields";
import { FixedClock } from "../fakes/fixed-clock";
import { RecordingLogger } from "../fakes/recording-logger";
import { freePort } from "../support/free-port";
import {
  type BotMessage,
  type Card,
  findAction,
  hasAction,
  type InvokeAnswer,
  PlaygroundClient,
  textsOf,
} from "../support/playground-client";

const ROOT = path.resolve(__dirname, "../..");

// The sample directory's people (examples/directory.json).
const IRO = "Priya Shah";
const TEAM_MANAGER = "Daniel Reid";
const SERVICE_MANAGER = "Hannah Brooks";
const HEAD_OF_LOCALITY = "Julia Fenwick";
const QA_MANAGER = "Helen Marsh";
const PEOPLE = [IRO, TEAM_MANAGER, SERVICE_MANAGER, HEAD_OF_LOCALITY, QA_MANAGER];
const ID = {
  helenMarsh: "361d65c9-cb7e-52b5-a997-0a0902bdcfd6",
  amyClarke: "e23fe4f8-cdde-577a-a634-d88326de9979",
  benHughes: "765f1d33-35ef-5a3d-8101-47ca663f0092",
  chloeEvans: "b6ce194e-243c-5207-bacd-08a2e804c60b",
  danielReid: "dabdf29d-bc49-5eec-974c-4c30e2c34b3c",
  erinWalsh: "4cbeba07-de5c-51b1-8fda-8af00266dfc9",
  farahIqbal: "2d4c5403-f1de-59c7-85b6-c166b70569c7",
};

const WELCOME = ["Welcome to the escalation bot", "Escalation of concern"];

let stack: LocalStack | undefined;
let dataDir: string;
const clock = new FixedClock("2026-11-04T10:00:00.000Z");
const logger = new RecordingLogger();
const clients = new Map<string, PlaygroundClient>();

/** Asks until the answer is there, for up to ten seconds: mail takes a moment to pass through SMTP. */
async function waitFor<T>(ask: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await ask();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error("nothing arrived within ten seconds");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The running stack. */
function local(): LocalStack {
  if (!stack) throw new Error("the local stack did not start");
  return stack;
}

function as(name: string): PlaygroundClient {
  const client = clients.get(name);
  if (!client) throw new Error(`no playground for ${name}`);
  return client;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "escalation-e2e-"));
  stack = await startLocal(
    {
      botPort: 0,
      playgroundPort: 0,
      policy: "dorset-qaro",
      directoryFile: path.join(ROOT, "examples/directory.json"),
      dataDir,
      keepData: false,
      clock,
      // The test runs the reminders itself, after moving the clock.
      reminderIntervalMs: 3_600_000,
      playgroundPeople: PEOPLE,
      mail: { webPort: await freePort(), smtpPort: await freePort() },
      env: {},
    },
    logger,
  );
  for (const playground of local().playgrounds) {
    clients.set(playground.user.name, await PlaygroundClient.connect(playground.url));
  }
}, 90_000);

afterAll(async () => {
  await Promise.all([...clients.values()].map((c) => c.close()));
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

afterEach(() => {
  // A turn that failed or a send that failed shows here before it shows in a card.
  expect(logger.entries.filter((e) => e.level === "error")).toEqual([]);
});

describe("the local run through the Agents Playground", () => {
  it("runs a Dorset escalation from Level 1 to a resolution at Level 3, chasing the unanswered Level 2 once", async () => {
    // Everyone installs the app and is welcomed.
    for (const name of PEOPLE) await as(name).install();
    for (const name of PEOPLE) expect(seen(await as(name).receive(1))).toEqual([WELCOME]);

    // The IRO asks for the form and fills in every field.
    await as(IRO).send("raise");
    const [formMessage] = await as(IRO).receive(1);
    expect(seen([formMessage!])).toEqual([["Raise an escalation", "Raise a concern"]]);
    const form = findAction(formMessage!.card!, { verb: "raise" });
    expect(form.inputs.map((i) => i.id).sort()).toEqual([...COUNCIL_RAISE_FORM_FIELDS].sort());
    const raised = await as(IRO).press(
      formMessage!,
      { verb: "raise" },
      {
        childName: "Jamie Lee",
        caseId: "LCS-104233",
        dateOfBirth: "2014-03-09",
        legalStatus: "CIC",
        teamId: "north-cic",
        socialWorkerId: ID.amyClarke,
        teamManagerId: ID.danielReid,
        iroManagerId: ID.helenMarsh,
        categories: "care-plan-implementation,other",
        categoryOther: "Family time arrangements not reviewed",
        summary: "The care plan's family time arrangements have not been reviewed since the last review.",
        impactOnChild: "Jamie has not seen his brother for three months.",
        requestedWhat: "Review the family time arrangements and agree a plan.",
        requestedWho: "Amy Clarke with Daniel Reid",
        requestedByWhen: "2026-11-18",
        outcomeSought: "childs-plan-on-track",
        outcomeOther: "",
        startStageId: "stage-1",
        bypassReason: "",
        qaManagerConsulted: "false",
        timescaleWorkingDays: "",
        timescaleDate: "",
        responsibleId: "",
      },
    );
    const raisedCard = answered(raised);
    expect(headlineOf(raisedCard)).toBe(
      "Sent to Daniel Reid: Level 1 response due Wednesday 11 November 2026",
    );
    const escalationId = String(findAction(raisedCard, { verb: "resolve" }).data["escalationId"]);
    const ref = reference(escalationId);
    expect(textsOf(raisedCard)).toContain(ref);
    await local().bot.idle();

    // The Team Manager's e-mail is in the local inbox, with the subject Dorset's process prescribes.
    const inbox = local().mail!.inboxUrl;
    const emails = await waitFor(async () => {
      const listed = (await (await fetch(`${inbox}/email`)).json()) as {
        subject: string;
        to: { address: string }[];
      }[];
      return listed.length > 0 ? listed : undefined;
    });
    expect(emails.map((e) => [e.subject, e.to.map((t) => t.address)])).toEqual([
      [
        "Action - Level 1 escalation - Jamie Lee - LCS-104233 - Wednesday 11 November 2026",
        ["daniel.reid@example.gov.uk"],
      ],
    ]);

    // The stage card: the Team Manager is asked to respond, the copied people are told, the IRO is told.
    const level1: StageView = {
      name: "Level 1",
      due: "Wednesday 11 November 2026",
      dayZero: "Wednesday 4 November 2026",
      answers: TEAM_MANAGER,
      copied: [SERVICE_MANAGER, QA_MANAGER],
    };
    const record: StageView[] = [level1];
    const [asked] = await expectReceived(TEAM_MANAGER, [
      [`${ref}: you have been asked to respond to an escalation`, "You are asked to respond: Level 1"],
    ]);
    expectChild(asked!.card!);
    expectRecord(asked!.card!, record, { current: "Level 1" });
    const respond = findAction(asked!.card!, { verb: "respond" });
    expect(respond.path).toEqual(["Respond"]);
    expect(respond.inputs.map((i) => i.id)).toEqual([
      "whatDone",
      "who",
      "byWhen",
      "expectedOutcome",
      "expectedOutcomeOther",
    ]);
    for (const [name, headline] of [
      [SERVICE_MANAGER, "For information: Level 1"],
      // The QA Manager may act for the IRO, and her card says so.
      [QA_MANAGER, "Level 1: as QA Manager you may act for the IRO"],
    ] as const) {
      const [copy] = await expectReceived(name, [[`${ref}: you are copied into an escalation`, headline]]);
      expectRecord(copy!.card!, record, { current: "Level 1" });
      expect(hasAction(copy!.card!, "respond")).toBe(false);
    }
    const [confirmation] = await expectReceived(IRO, [
      [`${ref}: your escalation was sent`, "Your escalation was sent"],
    ]);
    expectRecord(confirmation!.card!, record, { current: "Level 1" });
    await expectNothingMore([HEAD_OF_LOCALITY]);

    // The next day the Team Manager responds on the card.
    clock.set("2026-11-05T11:00:00.000Z");
    const response1 = {
      whatDone: "A family time review is booked with the carers and Jamie's brother's placement.",
      who: "Amy Clarke",
      byWhen: "2026-11-20",
      expectedOutcome: "childs-plan-on-track",
    };
    const responded = await as(TEAM_MANAGER).press(asked!, { verb: "respond" }, response1);
    expect(headlineOf(answered(responded))).toBe("Your response was recorded");
    level1.response = {
      ...response1,
      byWhen: "Friday 20 November 2026",
      expectedOutcome: OUTCOME_ON_TRACK,
      by: TEAM_MANAGER,
    };
    await local().bot.idle();
    const [response] = await expectReceived(IRO, [
      [`${ref}: a response to your escalation`, "Response received: Level 1"],
    ]);
    expectRecord(response!.card!, record, { current: "Level 1" });
    for (const name of [SERVICE_MANAGER, QA_MANAGER]) {
      const [answeredCopy] = await expectReceived(name, [
        [`${ref}: an escalation was answered`, "Answered: Level 1"],
      ]);
      expectRecord(answeredCopy!.card!, record, { current: "Level 1" });
    }
    await expectNothingMore([TEAM_MANAGER, HEAD_OF_LOCALITY]);

    // The IRO is not satisfied and escalates to Level 2.
    clock.set("2026-11-06T09:30:00.000Z");
    const escalated = await as(IRO).press(
      response!,
      { verb: "escalate" },
      {
        toStageId: "stage-2",
        reasons: "The review is booked after the date the action was needed by.",
      },
    );
    expect(headlineOf(answered(escalated))).toBe("Escalated to the next stage");
    level1.escalatedTo = "Level 2";
    const level2: StageView = {
      name: "Level 2",
      due: "Friday 13 November 2026",
      dayZero: "Friday 6 November 2026",
      answers: SERVICE_MANAGER,
      copied: [HEAD_OF_LOCALITY, QA_MANAGER],
    };
    record.push(level2);
    await local().bot.idle();
    const [askedLevel2] = await expectReceived(SERVICE_MANAGER, [
      [`${ref}: you have been asked to respond to an escalation`, "You are asked to respond: Level 2"],
    ]);
    expectRecord(askedLevel2!.card!, record, { current: "Level 2" });
    expect(hasAction(askedLevel2!.card!, "respond")).toBe(true);
    const [told] = await expectReceived(TEAM_MANAGER, [
      [`${ref}: an escalation you answered moved up`, "The concern has moved to the next stage"],
    ]);
    expectRecord(told!.card!, record, { current: "Level 2" });
    for (const [name, headline] of [
      [HEAD_OF_LOCALITY, "For information: Level 2"],
      // The QA Manager may act for the IRO, and her card says so.
      [QA_MANAGER, "Level 2: as QA Manager you may act for the IRO"],
    ] as const) {
      const [copy] = await expectReceived(name, [[`${ref}: you are copied into an escalation`, headline]]);
      expectRecord(copy!.card!, record, { current: "Level 2" });
    }
    const [escalatedConfirmation] = await expectReceived(IRO, [
      [`${ref}: your escalation moved to the next stage`, "Escalated: Level 2 was sent"],
    ]);
    expectRecord(escalatedConfirmation!.card!, record, { current: "Level 2" });

    // The Service Manager does not answer. Before working hours on the second working day past the due
    // date, the timer owes nothing; in working hours it chases, copies the next manager up and prompts the
    // IRO, once: not for the days it did not run, and not again when it runs again.
    clock.set("2026-11-17T07:30:00.000Z");
    expect(await local().bot.runReminders(false)).toMatchObject({ remindersOwed: 0, sent: 0 });
    await expectNothingMore(PEOPLE);
    clock.set("2026-11-17T10:00:00.000Z");
    // Three in Teams (the chase, its copy, the prompt to the IRO) and two e-mails (the chase and the prompt).
    expect(await local().bot.runReminders(false)).toMatchObject({ remindersOwed: 5, sent: 5, failed: 0 });
    const overdue = "Level 2 response overdue by 2 working days";
    const [chase] = await expectReceived(SERVICE_MANAGER, [
      [`${ref}: a response is overdue by 2 working days`, overdue],
    ]);
    expectRecord(chase!.card!, record, { current: "Level 2", overdueBy: 2 });
    expect(hasAction(chase!.card!, "respond")).toBe(true);
    const [chaseCopy] = await expectReceived(HEAD_OF_LOCALITY, [
      [`${ref}: a response in your area is overdue by 2 working days`, overdue],
    ]);
    expectRecord(chaseCopy!.card!, record, { current: "Level 2", overdueBy: 2 });
    const [prompt] = await expectReceived(IRO, [
      [`${ref}: the response is overdue by 2 working days; escalate, extend or wait`, overdue],
    ]);
    expectRecord(prompt!.card!, record, { current: "Level 2", overdueBy: 2 });
    for (const verb of ["escalate", "extend", "keep-waiting"])
      expect(hasAction(prompt!.card!, verb)).toBe(true);
    await expectNothingMore([TEAM_MANAGER, QA_MANAGER]);
    const again = await local().bot.runReminders(false);
    await expectNothingMore(PEOPLE);
    expect(again).toMatchObject({ remindersOwed: 0, sent: 0 });
    clock.set("2026-11-17T15:00:00.000Z");
    const later = await local().bot.runReminders(false);
    await expectNothingMore(PEOPLE);
    expect(later).toMatchObject({ remindersOwed: 0, sent: 0 });

    // The IRO escalates again, from the prompt.
    clock.set("2026-11-17T15:30:00.000Z");
    const escalatedAgain = await as(IRO).press(
      prompt!,
      { verb: "escalate" },
      {
        toStageId: "stage-3",
        reasons: "No response at Level 2 within the timescale.",
      },
    );
    expect(headlineOf(answered(escalatedAgain))).toBe("Escalated to the next stage");
    level2.escalatedTo = "Level 3";
    const level3: StageView = {
      name: "Level 3",
      due: "Tuesday 24 November 2026",
      dayZero: "Tuesday 17 November 2026",
      answers: HEAD_OF_LOCALITY,
      copied: ["Oliver Grant", QA_MANAGER],
    };
    record.push(level3);
    await local().bot.idle();
    const [askedLevel3] = await expectReceived(HEAD_OF_LOCALITY, [
      [`${ref}: you have been asked to respond to an escalation`, "You are asked to respond: Level 3"],
    ]);
    expectRecord(askedLevel3!.card!, record, { current: "Level 3" });
    const [toldLevel2] = await expectReceived(SERVICE_MANAGER, [
      [`${ref}: an escalation you answered moved up`, "The concern has moved to the next stage"],
    ]);
    expectRecord(toldLevel2!.card!, record, { current: "Level 3" });
    const [copyLevel3] = await expectReceived(QA_MANAGER, [
      [`${ref}: you are copied into an escalation`, "Level 3: as QA Manager you may act for the IRO"],
    ]);
    expectRecord(copyLevel3!.card!, record, { current: "Level 3" });
    // The Corporate Director, copied at Level 3, has never opened the bot: the IRO is told at once.
    const [, notReached] = await expectReceived(IRO, [
      [`${ref}: your escalation moved to the next stage`, "Escalated: Level 3 was sent"],
      [`${ref}: someone on your escalation could not be reached`, "Not reached: Oliver Grant"],
    ]);
    expect(textsOf(notReached!.card!)).toContain("Oliver Grant has not opened the bot in Teams yet.");
    await expectNothingMore([TEAM_MANAGER]);

    // The Head of Locality responds.
    clock.set("2026-11-18T14:00:00.000Z");
    const response3 = {
      whatDone: "Family time with his brother is arranged fortnightly from next week.",
      who: "Daniel Reid",
      byWhen: "2026-11-25",
      expectedOutcome: "childs-plan-on-track",
    };
    const responded3 = await as(HEAD_OF_LOCALITY).press(askedLevel3!, { verb: "respond" }, response3);
    expect(headlineOf(answered(responded3))).toBe("Your response was recorded");
    level3.response = {
      ...response3,
      byWhen: "Wednesday 25 November 2026",
      expectedOutcome: OUTCOME_ON_TRACK,
      by: HEAD_OF_LOCALITY,
    };
    await local().bot.idle();
    const [response3Card] = await expectReceived(IRO, [
      [`${ref}: a response to your escalation`, "Response received: Level 3"],
    ]);
    expectRecord(response3Card!.card!, record, { current: "Level 3" });
    await expectReceived(QA_MANAGER, [[`${ref}: an escalation was answered`, "Answered: Level 3"]]);
    await expectNothingMore([TEAM_MANAGER, SERVICE_MANAGER, HEAD_OF_LOCALITY]);

    // The IRO resolves it; everyone who was sent a card about it hears how it ended.
    clock.set("2026-11-19T09:00:00.000Z");
    const resolved = await as(IRO).press(
      response3Card!,
      { verb: "resolve" },
      {
        resolvedOn: "2026-11-19",
        outcomeConfirmed: "childs-plan-on-track",
      },
    );
    const resolvedCard = answered(resolved);
    expect(headlineOf(resolvedCard)).toBe("The escalation is resolved");
    expect(textsOf(resolvedCard)).toContain("Status: Resolved, Thursday 19 November 2026");
    level3.resolved = "Thursday 19 November 2026";
    await local().bot.idle();
    for (const name of [TEAM_MANAGER, SERVICE_MANAGER, HEAD_OF_LOCALITY, QA_MANAGER]) {
      const [concluded] = await expectReceived(name, [
        [`${ref}: an escalation was concluded`, "The escalation has concluded"],
      ]);
      expectRecord(concluded!.card!, record, {});
      expect(hasAction(concluded!.card!, "respond")).toBe(false);
    }
    // The IRO, who resolved it, is offered the record for the child's file (a file consent, no card).
    await expectReceived(IRO, [["A file to save: Escalation_CIC.pdf", undefined]]);
    await expectNothingMore([IRO]);
    expect((await stored(escalationId)).status).toBe("resolved");

    // Each person's chat, start to end, in order: nothing missing, nothing twice.
    expect(headlines(IRO)).toEqual([
      "Escalation of concern",
      "Raise a concern",
      "Your escalation was sent",
      "Response received: Level 1",
      "Escalated: Level 2 was sent",
      overdue,
      "Escalated: Level 3 was sent",
      "Not reached: Oliver Grant",
      "Response received: Level 3",
    ]);
    expect(headlines(TEAM_MANAGER)).toEqual([
      "Escalation of concern",
      "You are asked to respond: Level 1",
      "The concern has moved to the next stage",
      "The escalation has concluded",
    ]);
    expect(headlines(SERVICE_MANAGER)).toEqual([
      "Escalation of concern",
      "For information: Level 1",
      "Answered: Level 1",
      "You are asked to respond: Level 2",
      overdue,
      "The concern has moved to the next stage",
      "The escalation has concluded",
    ]);
    expect(headlines(HEAD_OF_LOCALITY)).toEqual([
      "Escalation of concern",
      "For information: Level 2",
      overdue,
      "You are asked to respond: Level 3",
      "The escalation has concluded",
    ]);
    expect(headlines(QA_MANAGER)).toEqual([
      "Escalation of concern",
      "Level 1: as QA Manager you may act for the IRO",
      "Answered: Level 1",
      "Level 2: as QA Manager you may act for the IRO",
      "Level 3: as QA Manager you may act for the IRO",
      "Answered: Level 3",
      "The escalation has concluded",
    ]);
  }, 60_000);

  it("refers a child in care to Cafcass, and refuses it for a child on a child protection plan", async () => {
    clock.set("2026-11-23T10:00:00.000Z");
    await expectNothingMore(PEOPLE);

    // A child in care in the South team: the IRO refers to Cafcass, having informed the Nominated Officer.
    const inCare = await raise({
      childName: "Riley Morgan",
      caseId: "LCS-200871",
      dateOfBirth: "2011-07-21",
      legalStatus: "CIC",
      teamId: "south-cic",
      socialWorkerId: ID.benHughes,
      teamManagerId: ID.erinWalsh,
      categories: "where-the-child-lives",
    });
    const inCareRef = reference(inCare.escalationId);
    const refer = findAction(inCare.card, { verb: "refer-to-cafcass" });
    expect(refer.path).toEqual(["Refer to Cafcass"]);
    expect(refer.inputs.map((i) => i.id)).toEqual([
      "reasons",
      "nominatedOfficerInformed",
      "nominatedOfficerInformedOn",
    ]);
    await local().bot.idle();
    await expectReceived(IRO, [
      [`${inCareRef}: your escalation was sent`, "Your escalation was sent"],
      [`${inCareRef}: someone on your escalation could not be reached`, "Not reached: Erin Walsh"],
    ]);
    for (const [name, headline] of [
      [SERVICE_MANAGER, "For information: Level 1"],
      [QA_MANAGER, "Level 1: as QA Manager you may act for the IRO"],
    ] as const) {
      await expectReceived(name, [[`${inCareRef}: you are copied into an escalation`, headline]]);
    }
    const referred = await as(IRO).press(
      inCare.message,
      { verb: "refer-to-cafcass" },
      {
        reasons: "Riley's placement has broken down three times and the plan has not changed.",
        nominatedOfficerInformed: "true",
        nominatedOfficerInformedOn: "2026-11-23",
      },
    );
    const referredCard = answered(referred);
    expect(headlineOf(referredCard)).toBe("Referred to Cafcass");
    expect(textsOf(referredCard)).toEqual(
      expect.arrayContaining([
        "Status: Referred to Cafcass, Monday 23 November 2026",
        "Referral to Cafcass",
        "Nominated Officer informed: Monday 23 November 2026",
      ]),
    );
    expect((await stored(inCare.escalationId)).status).toBe("referred-to-cafcass");
    await local().bot.idle();
    for (const name of [SERVICE_MANAGER, QA_MANAGER]) {
      const [concluded] = await expectReceived(name, [
        [`${inCareRef}: an escalation was concluded`, "The escalation has concluded"],
      ]);
      expect(textsOf(concluded!.card!)).toContain("Referral to Cafcass");
    }
    // The copies of the concluded record go to people who have never opened the bot: the IRO is told.
    await expectReceived(IRO, [
      ["A file to save: Escalation_CIC.pdf", undefined],
      [`${inCareRef}: someone on your escalation could not be reached`, "Not reached: Graham Lowe"],
      [`${inCareRef}: someone on your escalation could not be reached`, "Not reached: Victor Lane"],
    ]);
    await expectNothingMore([IRO, TEAM_MANAGER, HEAD_OF_LOCALITY]);

    // A child on a child protection plan in the East team: the card offers no referral, and a forged one
    // is refused with the reason and changes nothing.
    const onPlan = await raise({
      childName: "Alex Kerr",
      caseId: "LCS-310552",
      dateOfBirth: "2019-02-14",
      legalStatus: "CP",
      teamId: "east-cp",
      socialWorkerId: ID.chloeEvans,
      teamManagerId: ID.farahIqbal,
      categories: "safety",
    });
    const onPlanRef = reference(onPlan.escalationId);
    expect(hasAction(onPlan.card, "refer-to-cafcass")).toBe(false);
    expect(hasAction(onPlan.card, "resolve")).toBe(true);
    expect(hasAction(onPlan.card, "escalate")).toBe(true);
    await local().bot.idle();
    const [sent] = await expectReceived(IRO, [
      [`${onPlanRef}: your escalation was sent`, "Your escalation was sent"],
      [`${onPlanRef}: someone on your escalation could not be reached`, "Not reached: Farah Iqbal"],
      [`${onPlanRef}: someone on your escalation could not be reached`, "Not reached: Ian Moss"],
    ]);
    expect(hasAction(sent!.card!, "refer-to-cafcass")).toBe(false);
    await expectReceived(QA_MANAGER, [
      [`${onPlanRef}: you are copied into an escalation`, "Level 1: as QA Manager you may act for the IRO"],
    ]);
    const before = await stored(onPlan.escalationId);
    const resolveData = findAction(onPlan.card, { verb: "resolve" }).data;
    const forged = await as(IRO).invoke(onPlan.message.messageId, "refer-to-cafcass", {
      escalationId: resolveData["escalationId"],
      stageId: resolveData["stageId"],
      version: resolveData["version"],
      reasons: "Forged: the card offered no referral.",
      nominatedOfficerInformed: "true",
      nominatedOfficerInformedOn: "2026-11-23",
    });
    const refusal = answered(forged);
    expect(headlineOf(refusal)).toMatch(
      /^A referral to Cafcass is for children in care only; this child's legal status is child protection \(CP\)\.$/,
    );
    await local().bot.idle();
    const after = await stored(onPlan.escalationId);
    expect(after).toEqual(before);
    expect(after.status).toBe("open");
    await expectNothingMore(PEOPLE);
  }, 60_000);
});

// ------------------------------------------------------------------------------------ the IRO raising

interface RaiseValues {
  readonly childName: string;
  readonly caseId: string;
  readonly dateOfBirth: string;
  readonly legalStatus: string;
  readonly teamId: string;
  readonly socialWorkerId: string;
  readonly teamManagerId: string;
  readonly categories: string;
}

/** The IRO types raise and sends the form at Level 1; the bot answers with the escalation's card. */
async function raise(values: RaiseValues) {
  const iro = as(IRO);
  await iro.send("raise");
  const [message] = await iro.receive(1);
  const answer = await iro.press(
    message!,
    { verb: "raise" },
    {
      ...values,
      summary: "The child's plan is not being carried out.",
      impactOnChild: "The child's needs are not being met.",
      requestedWhat: "Review the plan.",
      requestedWho: "The team manager",
      requestedByWhen: "2026-11-30",
      outcomeSought: "childs-plan-on-track",
      startStageId: "stage-1",
    },
  );
  const card = answered(answer);
  expect(headlineOf(card)).toMatch(/^Sent to .*: Level 1 response due /);
  return {
    message: message!,
    card,
    escalationId: String(findAction(card, { verb: "resolve" }).data["escalationId"]),
  };
}

// ------------------------------------------------------------------------------------ what people received

/** [summary, headline] of each message. */
function seen(messages: readonly BotMessage[]): [string | undefined, string | undefined][] {
  return messages.map((m) => [m.summary, m.card ? headlineOf(m.card) : m.text]);
}

/** Waits for exactly these messages (and no more) in this person's chat, and returns them. */
async function expectReceived(
  name: string,
  expected: readonly (readonly [string, string | undefined])[],
): Promise<BotMessage[]> {
  const messages = await as(name).receive(expected.length);
  expect({ to: name, received: seen(messages) }).toEqual({ to: name, received: expected });
  return messages;
}

async function expectNothingMore(names: readonly string[]): Promise<void> {
  const extra = await Promise.all(
    names.map(async (name) => ({ to: name, received: seen(await as(name).receive(0)) })),
  );
  expect(extra).toEqual(names.map((name) => ({ to: name, received: [] })));
}

function headlines(name: string): (string | undefined)[] {
  return as(name)
    .messages()
    .map((m) => (m.card ? headlineOf(m.card) : m.text));
}

function answered(answer: InvokeAnswer): Card {
  if (answer.status !== 200 || !answer.card) {
    throw new Error(`the bot did not answer with a card: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.card;
}

async function stored(id: string): Promise<Escalation> {
  const found = await local().bot.services.store.get(id);
  if (!found) throw new Error(`escalation ${id} is not stored`);
  return found.value;
}

// ------------------------------------------------------------------------------------ reading the card

const OUTCOME_ON_TRACK =
  "Child’s Plan as required by regulations/internal protocol back on track- child and family/carers know what is planned for the child";

interface StageView {
  readonly name: string;
  readonly due: string;
  readonly dayZero: string;
  readonly answers: string;
  readonly copied: readonly string[];
  response?: {
    readonly whatDone: string;
    readonly who: string;
    readonly byWhen: string;
    readonly expectedOutcome: string;
    readonly by: string;
  };
  escalatedTo?: string;
  resolved?: string;
}

/** The card's first line: the headline (or the title of a card without one). */
function headlineOf(card: Card): string | undefined {
  return textsOf(card)[0];
}

/** The card's sections: a container whose first line is its heading and whose other lines read "Label: value". */
function sectionsOf(card: Card): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    if (n["type"] === "Container" && Array.isArray(n["items"])) {
      const [heading, ...lines] = n["items"].map((item) => textsOf(item).join(""));
      if (heading !== undefined && lines.length > 0 && lines.every((l) => l.includes(": "))) {
        sections.set(
          heading,
          new Map(lines.map((l) => [l.slice(0, l.indexOf(": ")), l.slice(l.indexOf(": ") + 2)])),
        );
      }
    }
    for (const value of Object.values(n)) walk(value);
  };
  walk(card["body"]);
  return sections;
}

function expectChild(card: Card): void {
  expect(Object.fromEntries(sectionsOf(card).get("Child") ?? [])).toEqual({
    Name: "Jamie Lee",
    "Case ID": "LCS-104233",
    "Date of birth": "Sunday 9 March 2014",
    "Legal status": "Child in care (CIC)",
  });
}

/** Every stage so far is on the card with every field of its stage, the current one marked "(now)". */
function expectRecord(
  card: Card,
  stages: readonly StageView[],
  options: { readonly current?: string; readonly overdueBy?: number },
): void {
  const sections = sectionsOf(card);
  for (const stage of stages) {
    const current = stage.name === options.current;
    const heading = current ? `${stage.name} (now)` : stage.name;
    const lines = sections.get(heading);
    if (!lines)
      throw new Error(`the card has no section "${heading}"; it has ${[...sections.keys()].join(", ")}`);
    const fields = Object.fromEntries(lines);
    expect(fields["Sent"]).toMatch(/^\w+day \d{1,2} \w+ 2026 at \d\d:\d\d$/);
    const waiting = current && stage.response === undefined;
    expect(fields["Due"]).toBe(
      waiting && options.overdueBy ? `${stage.due}: overdue by ${options.overdueBy} working days` : stage.due,
    );
    expect(fields["Rule"]).toContain(`Within 5 working days: by the end of ${stage.due}.`);
    expect(fields["Rule"]).toContain(`Day 0 is ${stage.dayZero}`);
    expect(fields["To answer"]).toBe(stage.answers);
    expect(fields["Copied"]).toBe(stage.copied.join(", "));
    if (stage.response) {
      expect(fields).toMatchObject({
        "What is being done or has been done": stage.response.whatDone,
        Who: stage.response.who,
        "By when": stage.response.byWhen,
        "Expected outcome for the child": stage.response.expectedOutcome,
      });
      expect(fields["Answered by"]).toMatch(new RegExp(`^${stage.response.by}, `));
    } else {
      expect(fields["Response"]).toBe(current ? `Waiting for ${stage.answers}` : "None was given");
    }
    const escalatedBy = Object.keys(fields).find((label) => label.startsWith("Escalated to "));
    if (stage.escalatedTo) {
      expect(escalatedBy).toMatch(new RegExp(`^Escalated to ${stage.escalatedTo} by ${IRO}, .*\\. Reasons$`));
    } else {
      expect(escalatedBy).toBeUndefined();
    }
    if (stage.resolved)
      expect(fields["Resolved"]).toMatch(new RegExp(`^on ${stage.resolved} \\(recorded by ${IRO}, `));
  }
  const summaryStage = textsOf(card).find((t) => t.startsWith("Stage: "));
  expect(summaryStage).toBe(`Stage: ${stages.at(-1)?.name ?? ""}`);
}
