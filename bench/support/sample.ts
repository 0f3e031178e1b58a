// The people and moments every part of the benchmark uses: the sample directory of the local run
// (examples/directory.json), the Dorset QARO policy and a fixed London working day, with the Teams activities
// of src/adapters/local/sample-activities.ts for its people.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import {
  actionActivity as actionIn,
  type ActionVerb,
  type Activity,
  cardAction,
  IRO,
  personIn,
  raiseForm as raiseFormIn,
  type TeamsUser,
  teamsUser,
} from "../../src/adapters/local/sample-activities";
import { type DirectoryData, directorySchema } from "../../src/domain/directory";

export {
  ACTIONS,
  type ActionVerb,
  type Activity,
  APPLIED_HEADLINE,
  BOT,
  cardAction,
  caseIdFor,
  installActivity,
  IRO,
  type MeasuredVerb,
  searchActivity,
  TEAM_MANAGER,
  type TeamsUser,
  teamsUser,
  TENANT_ID,
} from "../../src/adapters/local/sample-activities";

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

/** Wednesday 4 November 2026, 10:00 in London: a working day, in working hours. Concerns are raised then. */
export const RAISED_AT = "2026-11-04T10:00:00.000Z";
/** Monday 16 November 2026, 10:00 in London: Level 1 raised on the 4th is overdue, so reminders are owed. */
export const SWEEP_AT = "2026-11-16T10:00:00.000Z";

export const SAMPLE_DIRECTORY: DirectoryData = directorySchema.parse(
  JSON.parse(readFileSync(path.join(ROOT, "examples/directory.json"), "utf8")),
);

export function person(name: string): TeamsUser {
  return personIn(SAMPLE_DIRECTORY, name);
}

export function everyone(): TeamsUser[] {
  return SAMPLE_DIRECTORY.people.map((p) => teamsUser(p.id, p.name));
}

/** A complete raise form for a child of the sample directory (src/adapters/local/sample-activities.ts). */
export function raiseForm(formId: string): { readonly formId: string } & Readonly<Record<string, string>> {
  return raiseFormIn(SAMPLE_DIRECTORY, formId, RAISED_AT.slice(0, 10));
}

/**
 * The invoke pressing `verb` on Level 1 of the escalation `escalationId`, with the card's inputs filled in.
 * Its dates are days after RAISED_AT; `today`, where the bot runs on the real clock, moves them to days after
 * it, so that the answer is applied and not refused for a day that has passed.
 */
export function actionActivity(
  serviceUrl: string,
  verb: ActionVerb,
  escalationId: string,
  version: number,
  today: string = RAISED_AT.slice(0, 10),
): Activity {
  return actionIn(SAMPLE_DIRECTORY, serviceUrl, verb, escalationId, version, today);
}

export function raiseActivity(serviceUrl: string): Activity {
  return cardAction(serviceUrl, person(IRO), "raise", raiseForm(randomUUID()));
}
