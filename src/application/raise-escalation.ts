// Raising a concern: the form as submitted is turned into the domain's command (people and the team are
// looked up in the directory by id), the domain decides, and the new record is stored with the messages
// it owes. The form carries its own id, so a form submitted twice raises one escalation.
import type { FieldProblem } from "../domain/errors";
import type { Escalation, PersonRef, TimescaleChoice } from "../domain/escalation";
import { holdsClaim } from "../domain/outbox";
import { AlreadyExists } from "../domain/ports";
import { raise } from "../domain/transitions";
import type { Claimed } from "./dispatch-outbox";
import { type ActionDeps, contextFor, raisePolicy } from "./services";

/** The raise form's fields as the card sends them: text, ids and the policy's choice ids. */
export interface RaiseForm {
  readonly formId: string;
  /** The process the form was drawn for, where the council runs more than one. */
  readonly policyId?: string;
  readonly childName?: string;
  readonly caseId?: string;
  readonly dateOfBirth?: string;
  readonly legalStatus?: string;
  readonly teamId?: string;
  readonly socialWorkerId?: string;
  readonly teamManagerId?: string;
  readonly iroManagerId?: string;
  /** Comma-separated category ids, as a multi-select choice set sends them. */
  readonly categories?: string;
  readonly categoryOther?: string;
  readonly summary?: string;
  readonly impactOnChild?: string;
  readonly requestedWhat?: string;
  readonly requestedWho?: string;
  readonly requestedByWhen?: string;
  readonly outcomeSought?: string;
  readonly outcomeOther?: string;
  readonly startStageId?: string;
  readonly bypassReason?: string;
  readonly qaManagerConsulted?: string;
  readonly timescaleWorkingDays?: string;
  readonly timescaleDate?: string;
  readonly responsibleId?: string;
  /** Where agencies take part: the lead agency's id, and the others' as a multi-select sends them. */
  readonly leadAgency?: string;
  readonly agencies?: string;
}

export type RaiseOutcome =
  | {
      readonly kind: "raised";
      readonly escalation: Escalation;
      /** The claim the write made on the messages it owes, for the dispatcher that follows it. */
      readonly claimed?: Claimed;
    }
  | { readonly kind: "already-raised"; readonly escalation: Escalation; readonly claimed?: Claimed }
  | { readonly kind: "invalid"; readonly problems: readonly FieldProblem[]; readonly message: string }
  | { readonly kind: "not-permitted"; readonly message: string };

export async function raiseEscalation(
  services: ActionDeps,
  actorId: string,
  form: RaiseForm,
): Promise<RaiseOutcome> {
  const directory = await services.directory.current();
  const actor = directory.actor(actorId);
  if (!actor)
    return { kind: "not-permitted", message: "You are not in the council's directory for this bot." };
  const id = form.formId.trim();
  if (!/^[A-Za-z0-9-]{8,64}$/.test(id)) {
    return {
      kind: "invalid",
      problems: [{ field: "formId", message: "The form is damaged: open a new one." }],
      message: "The form is damaged: open a new one.",
    };
  }
  const existing = await services.store.get(id);
  if (existing) return alreadyRaised(existing.value, actorId);

  const problems: FieldProblem[] = [];
  const personOf = (field: string, label: string, personId: string | undefined): PersonRef | undefined => {
    const wanted = personId?.trim();
    if (!wanted) return undefined;
    const found = directory.ref(wanted);
    if (!found) problems.push({ field, message: `${label} is not in the council's directory.` });
    return found;
  };
  const teamId = form.teamId?.trim();
  const team = teamId ? directory.team(teamId) : undefined;
  if (teamId && !team)
    problems.push({ field: "team", message: "The team is not in the council's directory." });
  const policy = raisePolicy(services, form.policyId?.trim());
  if (!policy) {
    return {
      kind: "not-permitted",
      message: "The council does not run the process this form was drawn for: open a new form with raise.",
    };
  }
  const timescale = timescaleOf(form, problems);
  if (team) {
    // The child's team decides who answers: the social worker and the team manager must be that team's.
    for (const [field, label, personId] of [
      ["socialWorker", "social worker", form.socialWorkerId],
      ["teamManager", "team manager", form.teamManagerId],
    ] as const) {
      const person = personId ? directory.ref(personId.trim()) : undefined;
      if (person && !directory.belongsTo(person.id, team.id)) {
        problems.push({
          field,
          message: `${person.name} is not in ${team.name}: choose the ${label} of the child's team, or the child's team.`,
        });
      }
    }
  }
  const command = {
    id,
    actor,
    child: {
      ...(form.childName !== undefined ? { name: form.childName } : {}),
      ...(form.caseId !== undefined ? { caseId: form.caseId } : {}),
      ...(form.dateOfBirth !== undefined ? { dateOfBirth: form.dateOfBirth } : {}),
      ...(form.legalStatus !== undefined ? { legalStatus: form.legalStatus } : {}),
    },
    socialWorker: personOf("socialWorker", "The social worker", form.socialWorkerId),
    team: team ? { id: team.id, name: team.name } : undefined,
    teamManager: personOf("teamManager", "The team manager", form.teamManagerId),
    iroManager: personOf("iroManager", `The ${policy.raiserTitle}'s manager`, form.iroManagerId),
    concern: {
      categories: choiceIds(form.categories).map((c) =>
        c === "other" ? { id: c, text: form.categoryOther ?? "" } : { id: c },
      ),
      summary: form.summary,
      impactOnChild: form.impactOnChild,
      requestedAction: { what: form.requestedWhat, who: form.requestedWho, byWhen: form.requestedByWhen },
      outcomeSought: form.outcomeSought
        ? { id: form.outcomeSought, text: form.outcomeOther ?? "" }
        : undefined,
    },
    ...(form.startStageId ? { startStageId: form.startStageId } : {}),
    ...(form.bypassReason ? { bypassReason: form.bypassReason } : {}),
    qaManagerConsulted: form.qaManagerConsulted === "true",
    ...(timescale ? { timescale } : {}),
    responsible: personOf("responsible", "The person chosen to answer", form.responsibleId),
    ...(policy.partiesFromAgencies
      ? { agencies: { lead: form.leadAgency?.trim() ?? "", involved: choiceIds(form.agencies) } }
      : {}),
  };
  const now = services.clock.now();
  const ctx = contextFor(services, directory, policy, team?.id ?? "", now);
  const result = raise(stripUndefined(command), ctx);
  if (!result.ok) {
    if (result.error.code === "invalid-input") {
      const ours = new Set(problems.map((p) => p.field));
      const all = [...problems, ...result.error.problems.filter((p) => !ours.has(p.field))];
      return { kind: "invalid", problems: all, message: result.error.message };
    }
    return { kind: "not-permitted", message: result.error.message };
  }
  if (problems.length > 0)
    return { kind: "invalid", problems, message: problems.map((p) => p.message).join(" ") };
  const owed = services.claimOwed?.();
  try {
    const raised = result.value.escalation;
    const stored = await services.store.create(owed ? owed.apply(raised) : raised);
    services.logger.info("escalation raised", {
      escalationId: id,
      policyId: policy.id,
      stageId: stored.value.stages[0]?.stageId ?? null,
    });
    return {
      kind: "raised",
      escalation: stored.value,
      ...(owed ? { claimed: { stored, by: owed.by, until: owed.until } } : {}),
    };
  } catch (error) {
    if (!(error instanceof AlreadyExists)) throw error;
    // The same form submitted twice at once, or an answer lost on the way back: one record stands.
    const winner = await services.store.get(id);
    if (!winner) throw error;
    // A create that landed although its answer was lost holds this call's claim: it is still to be sent.
    return alreadyRaised(
      winner.value,
      actorId,
      owed && holdsClaim(winner.value, owed.by)
        ? { stored: winner, by: owed.by, until: owed.until }
        : undefined,
    );
  }
}

function alreadyRaised(escalation: Escalation, actorId: string, claimed?: Claimed): RaiseOutcome {
  if (escalation.iro.id !== actorId) {
    return { kind: "not-permitted", message: "This form was already used by someone else. Open a new one." };
  }
  return { kind: "already-raised", escalation, ...(claimed ? { claimed } : {}) };
}

function choiceIds(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

function timescaleOf(form: RaiseForm, problems: FieldProblem[]): TimescaleChoice | undefined {
  const days = form.timescaleWorkingDays?.trim();
  const date = form.timescaleDate?.trim();
  if (days && date) {
    problems.push({
      field: "timescale",
      message: "Give the timescale as working days or as a date, not both.",
    });
    return undefined;
  }
  if (days) {
    if (!/^[0-9]{1,3}$/.test(days)) {
      problems.push({ field: "timescale", message: "The timescale must be a whole number of working days." });
      return undefined;
    }
    return { kind: "working-days", workingDays: Number(days) };
  }
  if (date) return { kind: "date", due: date };
  return undefined;
}

/** Optional fields are left out rather than set to undefined, as the domain's command expects. */
function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
