// The record for the child's file as a PDF, read back as a reader gets it: every field and every word of
// every response, in the order of the council's form, under the file name the policy gives; a Cafcass
// referral and a withdrawal likewise; a text at its 4,000-character limit whole; tagged, with its title,
// author, subject and language set.
import type { Font } from "fontkit";

import { recordPdf } from "../../../src/adapters/record/record-pdf";
import { formatDay } from "../../../src/domain/calendar";
import type { Escalation } from "../../../src/domain/escalation";
import { recordRefusal, withdraw } from "../../../src/domain/transitions";
import { actors, calendar, context, ok, policy, type PolicyId, raised } from "../../builders/escalations";
import { flatText, readPdf } from "../../support/pdf-text";
import { levelFourAtLimits, referredAtLevel1, twoStageJourney } from "../cards/support";

const NOW = new Date("2026-11-12T09:00:00Z");

async function textOf(escalation: Escalation) {
  const file = await recordPdf(escalation, policy(escalation.policyId as PolicyId), calendar, NOW);
  const reading = await readPdf(file.bytes);
  return { file, reading, text: flatText(reading) };
}

/** Each expected piece appears, whitespace made single, after the one before it. */
function expectInOrder(text: string, pieces: readonly string[]): void {
  let from = 0;
  for (const piece of pieces) {
    const wanted = piece.replace(/\s+/g, " ");
    const found = text.indexOf(wanted, from);
    if (found < 0) throw new Error(`"${wanted.slice(0, 80)}" is not in the record after position ${from}`);
    from = found + wanted.length;
  }
}

/** Every word the escalation holds, in the order the form sets them out. */
function everyField(e: Escalation): string[] {
  const pieces = [
    e.child.name,
    e.child.caseId,
    formatDay(e.child.dateOfBirth),
    e.iro.name,
    e.iroManager.name,
    e.socialWorker.name,
    e.team.name,
    e.teamManager.name,
    ...e.concern.categories.flatMap((c) => (c.text ? [c.text] : [])),
    e.concern.summary,
    e.concern.impactOnChild,
    e.concern.requestedAction.what,
    e.concern.requestedAction.who,
    formatDay(e.concern.requestedAction.byWhen),
  ];
  if (e.concern.outcomeSought.text) pieces.push(e.concern.outcomeSought.text);
  for (const stage of e.stages) {
    pieces.push(stage.name, stage.responsible.name, ...stage.copied.map((p) => p.name), stage.due.rule);
    if (stage.delegation) pieces.push(stage.delegation.to.name, stage.delegation.reason);
    for (const x of stage.extensions) pieces.push(formatDay(x.from), formatDay(x.to), x.reason);
    if (stage.response) {
      const r = stage.response;
      pieces.push(r.whatDone, r.who, formatDay(r.byWhen));
      if (r.expectedOutcome.text) pieces.push(r.expectedOutcome.text);
      pieces.push(r.respondedBy.name);
    }
    const ending = stage.ending;
    if (ending?.kind === "progressed") pieces.push(ending.reasons);
    if (ending?.kind === "resolved") pieces.push(formatDay(ending.resolvedOn));
    if (ending?.kind === "withdrawn") pieces.push(ending.reason);
  }
  return pieces;
}

describe("the record as a PDF", () => {
  it("holds every field and every response word for word, in the form's order, named as the policy says", async () => {
    const { escalation } = twoStageJourney();
    const { file, reading, text } = await textOf(escalation);

    expect(file.fileName).toBe("Escalation_CIC.pdf");
    expectInOrder(text, [
      "Dorset QARO Resolution/Escalation Process",
      "Child",
      "People",
      "Concern",
      "Level 1",
      "Level 1: handed over",
      "Level 1: extension 1",
      "Level 1: response",
      "Level 1: escalated",
      "Reasons for the decision to progress",
      "Level 2",
      "Level 2: response",
      "Level 2: resolved",
      "Outcome confirmed for the child",
      "Conclusion",
      "Appendix: event log",
    ]);
    expectInOrder(text, everyField(escalation));
    expect(reading.tagged).toBe(true);
    expect(String(reading.info["Title"])).toMatch(/^Escalation record ESC-/);
    expect(reading.info).toMatchObject({
      Author: escalation.iro.name,
      Subject: "Dorset QARO Resolution/Escalation Process: Resolved",
      Language: "en-GB",
    });
  });

  it("sets out a Cafcass referral: the Nominated Officer informed on, the reasons", async () => {
    const referred = referredAtLevel1("The plan has drifted for a year and the child's voice is not heard.");

    const { text } = await textOf(referred);

    expectInOrder(text, [
      ...everyField(referred),
      "Referral to Cafcass",
      "Local Authority Nominated Officer informed on: Thursday 5 November 2026",
      "Reasons for the referral: The plan has drifted for a year and the child's voice is not heard.",
      "Conclusion",
      "Status: Referred to Cafcass",
    ]);
  });

  it("sets out a withdrawal with its reason, and the refused attempts counted in the appendix", async () => {
    let e = ok(
      withdraw(
        raised(),
        { actor: actors.iro, stageId: "stage-1", reason: "Resolved in supervision." },
        context(),
      ),
    ).escalation;
    for (let i = 0; i < 3; i++)
      e = recordRefusal(e, actors.stranger, "respond", "not-permitted", context().now);

    const { text } = await textOf(e);

    expect(text).toContain("Reason for withdrawing the concern: Resolved in supervision.");
    expectInOrder(text, [
      ...everyField(e),
      "Status: Withdrawn",
      "Appendix: event log",
      "Appendix: refused attempts",
      `${actors.stranger.person.name}: tried to respond (Level 1) 3 times and was refused`,
    ]);
  });

  it("keeps texts at their 4,000-character limit whole, over as many pages as they need", async () => {
    const { escalation } = levelFourAtLimits();
    const { reading, text } = await textOf(escalation);

    expect(reading.pages.length).toBeGreaterThan(3);
    expectInOrder(text, everyField(escalation));
    const response = escalation.stages[0]!.response!.whatDone;
    expect(response).toHaveLength(4000);
    expect(text).toContain(response.replace(/\s+/g, " "));
  });

  it("names the record as each policy does", async () => {
    const e = raised(context({ policy: "professional-challenge" }));
    const { file } = await textOf(e);
    expect(file.fileName).toBe("Professional_Challenge_and_Escalation.pdf");
  });

  it("is the same, byte for byte, made again after other records in the same words", async () => {
    const { escalation } = twoStageJourney();
    const first = await recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);
    // The words a record shapes are kept for the next; the next must be laid out as if it were the first.
    for (const other of [twoStageJourney().escalation, referredAtLevel1(), levelFourAtLimits().escalation])
      await recordPdf(other, policy(other.policyId as PolicyId), calendar, NOW);

    const again = await recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);

    expect(again.bytes.equals(first.bytes)).toBe(true);
  });

  it("sets up each of its two fonts once a record, however often its text turns back to one", async () => {
    let setUp = 0;
    const { escalation } = levelFourAtLimits();
    await withFontsWatched(
      (font) => {
        const subset = font.createSubset.bind(font);
        font.createSubset = () => {
          setUp++;
          return subset();
        };
      },
      async (fresh) => {
        await fresh.recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);
        expect(setUp).toBe(2);
        await fresh.recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);
        expect(setUp).toBe(4);
      },
    );
  });

  it("reads each glyph's outline once, however many records take it", async () => {
    const read = new Map<string, number>();
    const { escalation } = levelFourAtLimits();
    let fonts = 0;
    await withFontsWatched(
      (font) => {
        const which = fonts++;
        const getGlyph = font.getGlyph.bind(font);
        // Each reading of a glyph's outline counted. A font gives the same glyph each time it is asked.
        font.getGlyph = (id, codePoints) => {
          const glyph = getGlyph(id, codePoints);
          if (glyph === null) return glyph;
          const decode = glyph._decode.bind(glyph);
          if (!Object.hasOwn(glyph, "_decode"))
            glyph._decode = () => {
              const key = `${which}:${id}`;
              read.set(key, (read.get(key) ?? 0) + 1);
              return decode();
            };
          return glyph;
        };
      },
      async (fresh) => {
        const first = await fresh.recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);
        const once = new Map(read);
        const again = await fresh.recordPdf(escalation, policy("dorset-qaro"), calendar, NOW);

        expect(once.size).toBeGreaterThan(50);
        expect(read).toEqual(once);
        expect(again.bytes.equals(first.bytes)).toBe(true);
      },
    );
  });
});

/**
 * Runs `test` with a fresh copy of the record module, with fonts of its own, each font `watch`ed as fontkit
 * makes it.
 */
async function withFontsWatched(
  watch: (font: Font) => void,
  test: (fresh: typeof import("../../../src/adapters/record/record-pdf")) => Promise<void>,
): Promise<void> {
  await jest.isolateModulesAsync(async () => {
    jest.doMock("fontkit", () => {
      const actual = jest.requireActual<typeof import("fontkit")>("fontkit");
      const create: typeof actual.create = (...args) => {
        const font = actual.create(...args);
        watch(font);
        return font;
      };
      return { ...actual, create };
    });
    const fresh =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("../../../src/adapters/record/record-pdf") as typeof import("../../../src/adapters/record/record-pdf");
    await test(fresh);
  });
}
