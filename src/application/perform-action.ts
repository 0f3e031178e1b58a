// An action taken on a card (respond, resolve, escalate, refer to Cafcass or record that a referral is
// considered, reassign, extend, keep waiting, withdraw): who acts comes from the activity, never from the
// card; the card names the escalation, the stage and the version it was drawn from, and the domain decides.
import type { DirectoryIndex } from "../domain/directory";
import { invalid, type Result } from "../domain/errors";
import type { Actor, Escalation, PersonRef } from "../domain/escalation";
import {
  completeNotificationForm,
  considerCafcass,
  correctResponse,
  escalate,
  extend,
  keepWaiting,
  reassign,
  referToCafcass,
  reopen,
  resolve,
  respond,
  type Transition,
  type TransitionContext,
  withdraw,
} from "../domain/transitions";
import { actOnEscalation, type ActOutcome } from "./act-on-escalation";
import { type ActionDeps, contextForEscalation } from "./services";

interface OnCard {
  readonly escalationId: string;
  readonly stageId: string;
  readonly version?: number;
}

export type ActionRequest =
  | (OnCard & {
      readonly verb: "respond";
      readonly whatDone?: string;
      readonly who?: string;
      readonly byWhen?: string;
      readonly expectedOutcome?: string;
      readonly expectedOutcomeOther?: string;
    })
  | (OnCard & {
      readonly verb: "correct-response";
      readonly whatDone?: string;
      readonly who?: string;
      readonly byWhen?: string;
      readonly expectedOutcome?: string;
      readonly expectedOutcomeOther?: string;
      readonly correctionReason?: string;
    })
  | (OnCard & {
      readonly verb: "resolve";
      readonly resolvedOn?: string;
      readonly outcomeConfirmed?: string;
      readonly outcomeOther?: string;
      readonly agreed?: boolean;
    })
  | (OnCard & {
      readonly verb: "escalate";
      readonly toStageId?: string;
      readonly reasons?: string;
      readonly bypassReason?: string;
      readonly qaManagerConsulted?: boolean;
      readonly timescaleDate?: string;
      readonly responsibleId?: string;
      readonly requestSummary?: string;
      readonly requestImpact?: string;
      readonly requestWhat?: string;
      readonly requestWho?: string;
      readonly requestByWhen?: string;
      readonly requestOutcome?: string;
      readonly requestOutcomeOther?: string;
    })
  | (OnCard & {
      readonly verb: "refer-to-cafcass";
      readonly reasons?: string;
      readonly nominatedOfficerInformed?: boolean;
      readonly nominatedOfficerInformedOn?: string;
    })
  | (OnCard & { readonly verb: "consider-cafcass"; readonly note?: string })
  | (OnCard & { readonly verb: "reassign"; readonly toId?: string; readonly reason?: string })
  | (OnCard & { readonly verb: "extend"; readonly newDue?: string; readonly reason?: string })
  | (OnCard & { readonly verb: "keep-waiting"; readonly until?: string })
  | (OnCard & { readonly verb: "withdraw"; readonly reason?: string })
  | (OnCard & { readonly verb: "reopen"; readonly reason?: string })
  | (OnCard & {
      readonly verb: "notification-form";
      readonly notificationAnswer?: string;
      readonly notificationResolved?: boolean;
    });

export type ActionVerb = ActionRequest["verb"];

export type ActionOutcome = ActOutcome | { readonly kind: "unknown-actor" };

export async function performAction(
  services: ActionDeps,
  actorId: string,
  request: ActionRequest,
): Promise<ActionOutcome> {
  const directory = await services.directory.current();
  const actor = directory.actor(actorId);
  if (!actor) {
    services.logger.warn("action by someone not in the directory", {
      escalationId: request.escalationId,
      verb: request.verb,
    });
    return { kind: "unknown-actor" };
  }
  const now = services.clock.now();
  return actOnEscalation(
    request.escalationId,
    (escalation) =>
      decide(
        escalation,
        actor,
        request,
        contextForEscalation(services, directory, escalation, now),
        directory,
      ),
    {
      store: services.store,
      logger: services.logger,
      now,
      actor,
      action: request.verb,
      ...(services.claimOwed ? { claimOwed: services.claimOwed } : {}),
    },
  );
}

function decide(
  escalation: Escalation,
  actor: Actor,
  request: ActionRequest,
  ctx: TransitionContext,
  directory: DirectoryIndex,
): Result<Transition> {
  const onStage = {
    actor,
    stageId: request.stageId,
    ...(request.version !== undefined ? { expectedVersion: request.version } : {}),
  };
  const person = (id: string | undefined): PersonRef | undefined =>
    id ? (directory.ref(id) ?? { id, name: "" }) : undefined;
  const choice = (id: string | undefined, text: string | undefined) =>
    id ? { id, text: text ?? "" } : undefined;
  /** A response as the respond form and the correction form both give it. */
  const responseOf = (r: Extract<ActionRequest, { verb: "respond" | "correct-response" }>) => ({
    whatDone: r.whatDone,
    who: r.who,
    byWhen: r.byWhen,
    expectedOutcome: choice(r.expectedOutcome, r.expectedOutcomeOther),
  });
  switch (request.verb) {
    case "respond":
      return respond(
        escalation,
        {
          ...onStage,
          ...defined(responseOf(request)),
        },
        ctx,
      );
    case "correct-response":
      return correctResponse(
        escalation,
        {
          ...onStage,
          ...defined({ ...responseOf(request), reason: request.correctionReason }),
        },
        ctx,
      );
    case "resolve":
      return resolve(
        escalation,
        {
          ...onStage,
          ...defined({
            resolvedOn: request.resolvedOn,
            outcomeConfirmed: choice(request.outcomeConfirmed, request.outcomeOther),
            agreed: request.agreed,
          }),
        },
        ctx,
      );
    case "escalate":
      return escalate(
        escalation,
        {
          ...onStage,
          ...defined({
            toStageId: request.toStageId,
            reasons: request.reasons,
            bypassReason: request.bypassReason,
            qaManagerConsulted: request.qaManagerConsulted,
            timescale: request.timescaleDate
              ? ({ kind: "date", due: request.timescaleDate } as const)
              : undefined,
            responsible: person(request.responsibleId),
            request: {
              ...defined({
                summary: request.requestSummary,
                impactOnChild: request.requestImpact,
                outcomeSought: choice(request.requestOutcome, request.requestOutcomeOther),
              }),
              requestedAction: defined({
                what: request.requestWhat,
                who: request.requestWho,
                byWhen: request.requestByWhen,
              }),
            },
          }),
        },
        ctx,
      );
    case "refer-to-cafcass":
      return referToCafcass(
        escalation,
        {
          ...onStage,
          ...defined({
            reasons: request.reasons,
            nominatedOfficerInformed: request.nominatedOfficerInformed,
            nominatedOfficerInformedOn: request.nominatedOfficerInformedOn,
          }),
        },
        ctx,
      );
    case "consider-cafcass":
      return considerCafcass(escalation, { ...onStage, ...defined({ note: request.note }) }, ctx);
    case "reassign":
      // A stage is handed only to someone the directory knows, so the record names a real person.
      if (request.toId && !directory.ref(request.toId)) {
        return invalid([
          {
            field: "reassign.to",
            message: "The person to hand the stage to is not in the council's directory.",
          },
        ]);
      }
      return reassign(
        escalation,
        { ...onStage, ...defined({ to: person(request.toId), reason: request.reason }) },
        ctx,
      );
    case "extend":
      return extend(
        escalation,
        { ...onStage, ...defined({ newDue: request.newDue, reason: request.reason }) },
        ctx,
      );
    case "keep-waiting":
      return keepWaiting(escalation, { ...onStage, ...defined({ until: request.until }) }, ctx);
    case "withdraw":
      return withdraw(escalation, { ...onStage, ...defined({ reason: request.reason }) }, ctx);
    case "reopen":
      return reopen(escalation, { ...onStage, ...defined({ reason: request.reason }) }, ctx);
    case "notification-form":
      return completeNotificationForm(
        escalation,
        {
          ...onStage,
          ...defined({ answer: request.notificationAnswer, resolved: request.notificationResolved }),
        },
        ctx,
      );
  }
}

function defined<T extends Record<string, unknown>>(
  value: T,
): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}
