// How big the escalation card gets. Teams refuses a message over about 28 KB. The full record of a concern
// at Level 4 with every text at its limit does not fit: the domain allows 4000 characters in five places
// per stage and five in the concern, about 93 KB of text on its own. These tests measure it, find the
// longest paragraphs that fit, and hold that line against the card growing.
import { escalationCard } from "../../../src/adapters/cards";
import { bytesAtMost } from "../../../src/adapters/cards/render";
import { fitsTeams, MAX_CARD_BYTES } from "../../../src/adapters/cards/teams-limit";
import { calendar, people, policy } from "../../builders/escalations";
import { bytes, handOverWith, levelFourAtLimits, schemaErrors, validateCard } from "./support";

const TEAMS_LIMIT = 28 * 1024;

function sizes(length: { long: number; short: number }) {
  const { escalation, ctx } = levelFourAtLimits(length);
  const view = (viewerId: string) =>
    escalationCard({
      escalation,
      policy: policy("dorset-qaro"),
      viewerId,
      now: ctx.now,
      calendar,
      handOver: handOverWith(escalation, policy("dorset-qaro"), [people.deputyTeamManager]),
    });
  return {
    iro: view(people.iro.id),
    answering: view(people.corporateDirector.id),
    copied: view(people.executiveDirector.id),
  };
}

const SHORTENED_NOTE = "Long texts are shortened on this card to fit in Teams.";

function shows(card: object, text: string): boolean {
  return JSON.stringify(card).includes(text);
}

describe("the escalation card's size at Level 4", () => {
  it("with every text at its limit (4000 characters, 200 for names and 'who'), long texts are shortened to fit Teams, and it says so", () => {
    const cards = sizes({ long: 4000, short: 200 });
    const measured = Object.fromEntries(Object.entries(cards).map(([who, card]) => [who, bytes(card)]));
    process.stdout.write(
      `escalation card at Level 4, texts at their limits: ${JSON.stringify(measured)} bytes\n`,
    );
    for (const card of Object.values(cards)) {
      expect(schemaErrors(validateCard, card)).toEqual([]);
      expect(bytes(card)).toBeLessThanOrEqual(TEAMS_LIMIT);
      expect(shows(card, SHORTENED_NOTE)).toBe(true);
    }
  });

  it("with everyday text (400-character paragraphs, 40-character names) it fits whole", () => {
    const cards = sizes({ long: 400, short: 40 });
    const measured = Object.fromEntries(Object.entries(cards).map(([who, card]) => [who, bytes(card)]));
    process.stdout.write(
      `escalation card at Level 4, 400-character texts: ${JSON.stringify(measured)} bytes\n`,
    );
    for (const card of Object.values(cards)) {
      expect(bytes(card)).toBeLessThan(TEAMS_LIMIT);
      expect(shows(card, SHORTENED_NOTE)).toBe(false);
    }
  });
});

describe("the size a drawn card says it has, which decides whether it is measured before it goes", () => {
  it.each([
    { long: 1, short: 1 },
    { long: 400, short: 40 },
    { long: 200, short: 200 },
  ])("is never less than its JSON, and within a few bytes of it (%o)", (length) => {
    for (const card of Object.values(sizes(length))) {
      const most = bytesAtMost(card);
      expect(most).toBeDefined();
      expect(most).toBeGreaterThanOrEqual(bytes(card));
      expect((most ?? 0) - bytes(card)).toBeLessThanOrEqual(64);
      expect(fitsTeams(card)).toBe(bytes(card) <= MAX_CARD_BYTES);
    }
  });
});
