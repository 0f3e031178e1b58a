// The people, moments and Teams activities every part of the benchmark uses: the sample directory of the
// local run (examples/directory.json), the Dorset QARO policy, a fixed London working day, and activities
// shaped as Teams posts them to /api/messages (the same shape as test/support/activities.ts).
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { type DirectoryData, directorySchema } from "../../src/domain/directory";

/** The repository root, from the TypeScript source or its compiled copy under dist/. */
export const ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "examples/directory.json"))) {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}

export const TENANT_ID = "5e1f2a3b-0000-4000-8000-00000000be0c";
export const BOT = { id: "28:bench-bot", name: "Escalations" } as const;

/** Wednesday 4 November 2026, 10:00 in London: a working day, in working hours. Concerns are raised then. */
export const RAISED_AT = "2026-11-04T10:00:00.000Z";
/** Monday 16 November 2026, 10:00 in London: Level 1 raised on the 4th is overdue, so reminders are owed. */
export const SWEEP_AT = "2026-11-16T10:00:00.000Z";

export const SAMPLE_DIRECTORY: DirectoryData = directorySchema.parse(
  JSON.parse(readFileSync(path.join(ROOT, "examples/directory.json"), "utf8")),
);

export interface TeamsUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly conversationId: string;
}

export function person(name: string): TeamsUser {
  const found = SAMPLE_DIRECTORY.people.find((p) => p.name === name);
  if (!found) throw new Error(`no ${name} in the sample directory`);
  return teamsUser(found.id, found.name);
}

export function everyone(): TeamsUser[] {
  return SAMPLE_DIRECTORY.people.map((p) => teamsUser(p.id, p.name));
}

export function teamsUser(aadObjectId: string, name: string): TeamsUser {
  const compact = aadObjectId.replace(/-/g, "");
  return { id: `29:1${compact.slice(0, 20)}`, name, aadObjectId, conversationId: `a:1${compact}` };
}

/** The QARO who raises, resolves and escalates; the Team Manager who answers Level 1. */
export const IRO = "Priya Shah";
export const TEAM_MANAGER = "Daniel Reid";

export type Activity = Record<string, unknown>;

function base(serviceUrl: string, user: TeamsUser, type: string, fields: Activity): Activity {
  const now = new Date().toISOString();
  return {
    type,
    id: randomUUID(),
    timestamp: now,
    localTimestamp: now,
    localTimezone: "Europe/London",
    channelId: "msteams",
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { id: user.conversationId, conversationType: "personal", tenantId: TENANT_ID },
    recipient: { id: BOT.id, name: BOT.name },
    channelData: { tenant: { id: TENANT_ID } },
    locale: "en-GB",
    ...fields,
  };
}

/** The bot installed in the person's personal scope: the bot keeps their conversation reference. */
export function installActivity(serviceUrl: string, user: TeamsUser): Activity {
  return base(serviceUrl, user, "conversationUpdate", {
    membersAdded: [{ id: BOT.id }],
    channelData: { tenant: { id: TENANT_ID }, eventType: "teamMemberAdded" },
  });
}

/** A card's Action.Execute, as Teams sends it when a button is pressed. */
export function cardAction(serviceUrl: string, user: TeamsUser, verb: string, data: unknown): Activity {
  return base(serviceUrl, user, "invoke", {
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    replyToId: `1:${randomUUID()}`,
    channelData: { tenant: { id: TENANT_ID }, source: { name: "message" } },
  });
}

/** What Teams sends as someone types into a people picker: the text so far and the picker's dataset. */
export function searchActivity(
  serviceUrl: string,
  user: TeamsUser,
  query: { dataset: string; text: string; inputs?: Readonly<Record<string, string>> },
): Activity {
  return base(serviceUrl, user, "invoke", {
    name: "application/search",
    value: {
      queryText: query.text,
      queryOptions: { skip: 0, top: 15 },
      dataset: query.dataset,
      ...(query.inputs ? { data: query.inputs } : {}),
    },
    channelData: { tenant: { id: TENANT_ID }, source: { name: "message" } },
  });
}

/**
 * A complete raise form for a child in care in North Children in Care Team, starting at Level 1. Each form
 * is for a child of its own (its case ID is drawn from the form's id), as a council's are: no two records
 * read the same.
 */
export function raiseForm(formId: string): { readonly formId: string } & Readonly<Record<string, string>> {
  const id = (name: string) => person(name).aadObjectId;
  return {
    formId,
    childName: "Jamie Thornbury",
    caseId: caseIdFor(formId),
    dateOfBirth: "2014-03-09",
    legalStatus: "CIC",
    teamId: "north-cic",
    socialWorkerId: id("Amy Clarke"),
    teamManagerId: id(TEAM_MANAGER),
    iroManagerId: id("Helen Marsh"),
    categories: "care-plan-implementation,health-issues",
    summary: "The care plan agreed at the review on 2 October has not been put in place.",
    impactOnChild: "Jamie has had no health assessment for 14 months.",
    requestedWhat: "Book the health assessment and update the care plan.",
    requestedWho: "The allocated social worker",
    requestedByWhen: "2026-11-20",
    outcomeSought: "childs-plan-on-track",
    startStageId: "stage-1",
  };
}

/** A child's case ID drawn from an id: "LCS-" and its first eight characters, upper case. */
export function caseIdFor(id: string): string {
  return `LCS-${id.slice(0, 8).toUpperCase()}`;
}

/** The card actions measured, and the words of the card that answers each one when it is applied. */
export const ACTIONS = ["respond", "resolve", "escalate"] as const;
export type ActionVerb = (typeof ACTIONS)[number];
export type MeasuredVerb = ActionVerb | "raise";

export const APPLIED_HEADLINE: Record<MeasuredVerb, string> = {
  respond: "Your response was recorded",
  resolve: "The escalation is resolved",
  escalate: "Escalated to the next stage",
  raise: "Sent to ",
};

/**
 * The invoke pressing `verb` on Level 1 of the escalation `escalationId`, with the card's inputs filled in.
 * The dates given are days after RAISED_AT; `today`, where the bot runs on the real clock, moves them to
 * days after it, so that the answer is applied and not refused for a day that has passed.
 */
export function actionActivity(
  serviceUrl: string,
  verb: ActionVerb,
  escalationId: string,
  version: number,
  today: string = RAISED_AT.slice(0, 10),
): Activity {
  const onCard = { escalationId, stageId: "stage-1", version };
  switch (verb) {
    case "respond":
      return cardAction(serviceUrl, person(TEAM_MANAGER), verb, {
        ...onCard,
        whatDone: "The health assessment is booked for 18 November and the care plan is being updated.",
        who: "Amy Clarke, social worker",
        byWhen: daysAfter(today, 14),
        expectedOutcome: "childs-plan-on-track",
      });
    case "resolve":
      return cardAction(serviceUrl, person(IRO), verb, {
        ...onCard,
        resolvedOn: today,
        outcomeConfirmed: "childs-plan-on-track",
      });
    case "escalate":
      return cardAction(serviceUrl, person(IRO), verb, {
        ...onCard,
        reasons: "No response has been received and the health assessment is still not booked.",
      });
  }
}

/** The ISO date `days` after the ISO date `day`. */
function daysAfter(day: string, days: number): string {
  const at = new Date(`${day}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function raiseActivity(serviceUrl: string): Activity {
  return cardAction(serviceUrl, person(IRO), "raise", raiseForm(randomUUID()));
}
