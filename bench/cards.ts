// The cards of one action, drawn in the benchmark's process: the answer to a Team Manager's response, alone
// and with the cards of the messages that version owes (one for each other person on the escalation), for
// escalations each of a child of its own. Baseline: the same cards, each expanded whole by the templating
// engine from the same view model, nothing parsed ahead and nothing kept (the engine as it comes).
import { Template } from "adaptivecards-templating";

import { escalationCard, type EscalationCardInput } from "../src/adapters/cards";
import { escalationCardView } from "../src/adapters/cards/escalation-card";
import template from "../src/adapters/cards/escalation-card.json";
import { withinTeamsLimit } from "../src/adapters/cards/teams-limit";
import { type Escalation, participants } from "../src/domain/escalation";
import { calendar, NOW, people, policy } from "../test/builders/escalations";
import { answeredAtLevel1 } from "../test/builders/journeys";
import { median } from "./support/stats";

export interface CardsConfig {
  readonly repetitions: number;
  /** Escalations in one round of the bot's drawing, each drawn once. */
  readonly escalations: number;
  /** Escalations in one round of the engine's, which takes far longer for each. */
  readonly baselineEscalations: number;
}

export interface CardsTimed {
  /** CPU ms per action, the bot's drawing. */
  readonly ms: number;
  /** CPU ms per action, the engine expanding each card whole. */
  readonly baselineMs: number;
  readonly cards: number;
  readonly bytes: number;
}

export interface CardsResult {
  readonly answer: CardsTimed;
  readonly action: CardsTimed;
}

const ANSWERED = answeredAtLevel1();
const POLICY = policy("dorset-qaro");

/** The answered escalation as a child of its own: nothing drawn for one serves another. */
function ofItsOwn(n: number): Escalation {
  return {
    ...ANSWERED,
    id: `bench-cards-${n}`,
    child: { ...ANSWERED.child, name: `Child ${n} Example`, caseId: `MOS-${100000 + n}` },
  };
}

/** The answer first, for the Team Manager who responded, then a message for each other person on it. */
function inputs(escalation: Escalation, withMessages: boolean): EscalationCardInput[] {
  const answer: EscalationCardInput = {
    escalation,
    policy: POLICY,
    viewerId: people.teamManager.id,
    now: NOW,
    calendar,
    headline: "Your response was recorded",
  };
  if (!withMessages) return [answer];
  const others = participants(escalation).filter((p) => p.id !== people.teamManager.id);
  return [
    answer,
    ...others.map((p) => ({
      ...answer,
      viewerId: p.id,
      headline: "Level 1 response received from Tariq Mann",
    })),
  ];
}

const bot = (input: EscalationCardInput): object => escalationCard(input);
const engine = (input: EscalationCardInput): object => {
  const view = escalationCardView(input);
  if (view === undefined) throw new Error("the benchmark's viewer may not see the escalation");
  return withinTeamsLimit(new Template(template).expand({ $root: view }) as never);
};

function cpuMsPerAction(
  draw: (input: EscalationCardInput) => object,
  from: number,
  count: number,
  withMessages: boolean,
): number {
  const started = process.cpuUsage();
  for (let n = from; n < from + count; n++)
    for (const input of inputs(ofItsOwn(n), withMessages)) draw(input);
  const spent = process.cpuUsage(started);
  return (spent.user + spent.system) / 1000 / count;
}

function timed(config: CardsConfig, withMessages: boolean, next: { n: number }): CardsTimed {
  const take = (count: number) => {
    const from = next.n;
    next.n += count;
    return from;
  };
  const round = (draw: typeof bot, count: number) => cpuMsPerAction(draw, take(count), count, withMessages);
  // Warm-up: the templates parsed, the code compiled.
  round(bot, config.escalations);
  round(engine, config.baselineEscalations);
  const ms: number[] = [];
  const baselineMs: number[] = [];
  for (let r = 0; r < config.repetitions; r++) {
    ms.push(round(bot, config.escalations));
    baselineMs.push(round(engine, config.baselineEscalations));
  }
  const drawn = inputs(ofItsOwn(take(1)), withMessages).map(bot);
  return {
    ms: median(ms),
    baselineMs: median(baselineMs),
    cards: drawn.length,
    bytes: drawn.reduce((sum, card) => sum + Buffer.byteLength(JSON.stringify(card), "utf8"), 0),
  };
}

export function runCards(config: CardsConfig, progress: (line: string) => void): CardsResult {
  const next = { n: 0 };
  progress("cards: the answer alone");
  const answer = timed(config, false, next);
  progress("cards: the answer and the messages it owes");
  const action = timed(config, true, next);
  return { answer, action };
}
