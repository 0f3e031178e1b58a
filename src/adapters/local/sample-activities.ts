// Teams activities for the people of a directory, shaped as Teams posts them to /api/messages: the bot
// installed, a card's button pressed, a people picker typed into. With the sample directory
// (examples/directory.json) and the Dorset QARO policy, a concern raised by its QARO and answered by its Team
// Manager. The build's first answers (scripts/first-answers.ts) and the benchmarks send them.
import type { DirectoryData } from "../../domain/directory";
import {
  type Activity,
  cardActionActivity,
  installActivity as installed,
  searchActivity as searched,
  type TeamsChannel,
  type TeamsUser,
} from "./teams-activities";

export type { Activity, TeamsUser } from "./teams-activities";

export const TENANT_ID = "5e1f2a3b-0000-4000-8000-00000000be0c";
export const BOT = { id: "28:sample-bot", name: "Escalations" } as const;

/** The person named `name` in the directory, as Teams names them. */
export function personIn(directory: DirectoryData, name: string): TeamsUser {
  const found = directory.people.find((p) => p.name === name);
  if (!found) throw new Error(`no ${name} in the directory`);
  return teamsUser(found.id, found.name);
}

export function teamsUser(aadObjectId: string, name: string): TeamsUser {
  const compact = aadObjectId.replace(/-/g, "");
  return { id: `29:1${compact.slice(0, 20)}`, name, aadObjectId, conversationId: `a:1${compact}` };
}

/** The QARO who raises, resolves and escalates; the Team Manager who answers Level 1. */
export const IRO = "Priya Shah";
export const TEAM_MANAGER = "Daniel Reid";

/** The sample tenant's chat with the bot, through the Bot Connector at `serviceUrl`. */
function sampleChannel(serviceUrl: string): TeamsChannel {
  return { serviceUrl, tenantId: TENANT_ID, bot: BOT };
}

/** The bot installed in the person's personal scope: the bot keeps their conversation reference. */
export function installActivity(serviceUrl: string, user: TeamsUser): Activity {
  return installed(sampleChannel(serviceUrl), user);
}

/** A card's Action.Execute, as Teams sends it when a button is pressed. */
export function cardAction(serviceUrl: string, user: TeamsUser, verb: string, data: unknown): Activity {
  return cardActionActivity(sampleChannel(serviceUrl), user, verb, data);
}

/** What Teams sends as someone types into a people picker: the text so far and the picker's dataset. */
export function searchActivity(
  serviceUrl: string,
  user: TeamsUser,
  query: { dataset: string; text: string; inputs?: Readonly<Record<string, string>> },
): Activity {
  return searched(sampleChannel(serviceUrl), user, query);
}

/**
 * A complete raise form for a child in care in North Children in Care Team, starting at Level 1. Each form
 * is for a child of its own (its case ID is drawn from the form's id), as a council's are: no two records
 * read the same. The response is asked for by 16 days after `today`.
 */
export function raiseForm(
  directory: DirectoryData,
  formId: string,
  today: string,
): { readonly formId: string } & Readonly<Record<string, string>> {
  const id = (name: string) => personIn(directory, name).aadObjectId;
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
    requestedByWhen: daysAfter(today, 16),
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
 * Its dates are `today` and days after it, so that the answer is applied and not refused for a day that
 * has passed.
 */
export function actionActivity(
  directory: DirectoryData,
  serviceUrl: string,
  verb: ActionVerb,
  escalationId: string,
  version: number,
  today: string,
): Activity {
  const onCard = { escalationId, stageId: "stage-1", version };
  switch (verb) {
    case "respond":
      return cardAction(serviceUrl, personIn(directory, TEAM_MANAGER), verb, {
        ...onCard,
        whatDone: "The health assessment is booked for 18 November and the care plan is being updated.",
        who: "Amy Clarke, social worker",
        byWhen: daysAfter(today, 14),
        expectedOutcome: "childs-plan-on-track",
      });
    case "resolve":
      return cardAction(serviceUrl, personIn(directory, IRO), verb, {
        ...onCard,
        resolvedOn: today,
        outcomeConfirmed: "childs-plan-on-track",
      });
    case "escalate":
      return cardAction(serviceUrl, personIn(directory, IRO), verb, {
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
