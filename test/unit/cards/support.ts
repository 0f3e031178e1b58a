// Helpers for the card tests: the Adaptive Cards 1.5 schema, ways to walk a card, and the escalations of
// test/builders/journeys.ts.
import type { ErrorObject, ValidateFunction } from "ajv";

import { type AdaptiveCard, handOverFor } from "../../../src/adapters/cards";
import type { Escalation, PersonRef } from "../../../src/domain/escalation";
import type { PeopleLookup } from "../../../src/domain/permissions";
import type { Policy } from "../../../src/domain/policy";
import { compileCardSchema, teamsCardSchema } from "../../support/schemas";

export {
  answeredAtLevel1,
  type Journey,
  levelFourAtLimits,
  referredAtLevel1,
  textOf,
  twoStageJourney,
} from "../../builders/journeys";

/** The Adaptive Cards 1.5 schema as published, with the extensions Teams documents (see test/support/schemas.ts). */
export const validateCard = compileCardSchema(teamsCardSchema());

export function schemaErrors(validate: ValidateFunction, card: unknown): string[] {
  if (validate(card)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? ""}`);
}

export type Node = Record<string, unknown>;

/** Every object in the card, depth first, in document order. */
export function nodes(value: unknown): Node[] {
  const found: Node[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (typeof v === "object" && v !== null) {
      found.push(v as Node);
      Object.values(v).forEach(visit);
    }
  };
  visit(value);
  return found;
}

export function ofType(card: unknown, type: string): Node[] {
  return nodes(card).filter((n) => n.type === type);
}

export function inputs(card: unknown): Node[] {
  return nodes(card).filter((n) => typeof n.type === "string" && n.type.startsWith("Input."));
}

/** The text the viewer reads, TextRun by TextRun, with the invisible joiner that guards `{{DATE(` removed. */
export function runTexts(card: unknown): string[] {
  return ofType(card, "TextRun").map((n) => String(n.text).replace(/\u2060/g, ""));
}

/** The ShowCard whose title is given, or undefined. */
export function showCard(card: unknown, title: string): Node | undefined {
  return ofType(card, "Action.ShowCard").find((n) => n.title === title);
}

/** The buttons of the card's own action sets, in order (not those of the forms they open). */
export function actionTitles(card: AdaptiveCard): string[] {
  const body = (card["body"] as Node[] | undefined) ?? [];
  return body
    .filter((node) => node.type === "ActionSet")
    .flatMap((set) => (set.actions as Node[] | undefined) ?? [])
    .map((a) => String(a.title));
}

export function bytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), "utf8");
}

/** A directory in which these people report to whoever answers: the hand-over offers them. */
export function reportingTo(delegates: readonly PersonRef[]): PeopleLookup {
  return {
    reportsOf: () => delegates,
    holdersAnywhere: () => [],
    holdersFor: () => [],
    agencies: () => [],
    agencyHolders: () => [],
  };
}

/** The hand-over picker for an escalation whose answerer has these people as reports. */
export function handOverWith(escalation: Escalation, policy: Policy, delegates: readonly PersonRef[]) {
  return handOverFor(escalation, policy, reportingTo(delegates));
}
