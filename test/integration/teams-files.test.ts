// Files saved from the chat, end to end through the test Bot Connector: `record ESC-…` offers the record
// for the child's file (a FileConsentCard); on accept the bot puts the PDF into the upload session Teams
// opened and posts the file's card; a decline leaves nothing behind. `report 2026-Q3` gives a QA Manager
// the figures as a card and the workbook the same way. Only the people on an escalation, and QA Managers,
// are offered its record; only QA Managers a report.
import ExcelJS from "exceljs";

import { VERBS } from "../../src/adapters/cards";
import { reference } from "../../src/adapters/cards/render";
import {
  BotHarness,
  cardText,
  CHILD,
  FILE_CONSENT,
  findAction,
  raiseThroughCard,
  type TeamsPerson,
} from "../support/bot-harness";
import { flatText, readPdf } from "../support/pdf-text";

let h: BotHarness;
let priya: TeamsPerson;
let helen: TeamsPerson;
let hannah: TeamsPerson;
let tom: TeamsPerson;
let id: string;

beforeAll(async () => {
  h = await BotHarness.start();
  priya = h.as("Priya Shah");
  helen = h.as("Helen Marsh");
  hannah = h.as("Hannah Brooks");
  tom = h.as("Tom Okafor");
  for (const person of [priya, helen, hannah, tom]) await person.install();
  id = await raiseThroughCard(h, priya, VERBS.raise);
}, 60_000);

afterAll(async () => {
  await h.close();
});

function lastText(person: TeamsPerson): string {
  const activities = h.connector.activities(person.user.conversationId);
  const text = activities.at(-1)?.activity["text"];
  return typeof text === "string" ? text : "";
}

describe("the record for the child's file", () => {
  it("is offered as a file named by the policy, with no child named in the offer or its preview", async () => {
    const answer = await priya.say(`record ${reference(id)}`);
    expect(answer.status).toBe(200);
    const offers = priya.fileOffers();
    expect(offers).toHaveLength(1);
    const offer = offers[0]!;
    expect(offer.name).toBe("Escalation_CIC.pdf");
    expect(offer.sizeInBytes).toBeGreaterThan(1000);
    expect(offer.description).toContain(reference(id));
    expect(`${offer.summary} ${offer.description} ${JSON.stringify(offer.acceptContext)}`).not.toContain(
      CHILD.name,
    );
    // The offer names the escalation only: the file is made when it is accepted.
    expect(offer.acceptContext).toEqual({ file: "record", escalationId: id });
  });

  it("on accept, is put into the upload session Teams opened, whole, and its file card is posted", async () => {
    const offer = priya.fileOffers()[0]!;
    const { answer, upload } = await priya.acceptFile(offer);
    expect(answer.status).toBe(200);
    const bytes = h.connector.uploaded(upload.uniqueId);
    expect(bytes).toBeDefined();
    // The offer stated the size the record's words make, told before it was made: within a tenth.
    expect(Math.abs(offer.sizeInBytes / bytes!.length - 1)).toBeLessThan(0.1);
    const text = flatText(await readPdf(bytes!));
    expect(text).toContain(CHILD.name);
    expect(text).toContain(CHILD.caseId);
    // The upload URL is its own authorisation: no token went with it.
    const puts = h.connector.requests.filter((r) => r.path === `/upload/${upload.uniqueId}`);
    expect(puts.length).toBeGreaterThan(0);
    expect(puts.every((r) => r.headers["authorization"] === undefined)).toBe(true);
    expect(priya.fileCards()).toEqual([
      {
        contentType: "application/vnd.microsoft.teams.card.file.info",
        contentUrl: upload.contentUrl,
        name: "Escalation_CIC.pdf",
        content: { uniqueId: upload.uniqueId, fileType: "pdf" },
      },
    ]);
    // The offer is answered: its card is gone, so it cannot be accepted twice.
    expect(priya.fileOffers()).toEqual([]);
  });

  it("keeps the name Teams chose when a file of that name was already there, and survives a failed range", async () => {
    await priya.say(`record ${reference(id)}`);
    h.connector.failNextUploads(1);
    const { upload } = await priya.acceptFile(priya.fileOffers()[0]!, "Escalation_CIC (1).pdf");
    expect(h.connector.uploaded(upload.uniqueId)).toBeDefined();
    expect(priya.fileCards().at(-1)).toMatchObject({ name: "Escalation_CIC (1).pdf" });
  });

  it("declined, leaves nothing behind: no upload, no file card, the offer withdrawn", async () => {
    await priya.say(`record ${reference(id)}`);
    const offer = priya.fileOffers()[0]!;
    const cardsBefore = priya.fileCards().length;
    const uploads = () => h.connector.requests.filter((r) => r.path.startsWith("/upload/")).length;
    const uploadsBefore = uploads();
    const answer = await priya.declineFile(offer);
    expect(answer.status).toBe(200);
    expect(priya.fileOffers()).toEqual([]);
    expect(priya.fileCards()).toHaveLength(cardsBefore);
    expect(lastText(priya)).toBe(`Not saved. Type record ${reference(id)} to be offered it again.`);
    expect(uploads()).toBe(uploadsBefore);
  });

  it("is offered to a QA Manager, and to nobody else outside the escalation", async () => {
    await helen.say(`record ${reference(id)}`);
    expect(helen.fileOffers()).toHaveLength(1);

    await tom.say(`record ${reference(id)}`);
    expect(tom.fileOffers()).toEqual([]);
    expect(lastText(tom)).toBe(`There is no escalation ${reference(id)} for you to see.`);
  });

  it("is not uploaded for someone who forges an accept naming an escalation they may not see", async () => {
    const forged = {
      activityId: "m-forged",
      name: "Escalation_CIC.pdf",
      sizeInBytes: 1,
      description: "",
      acceptContext: { file: "record", escalationId: id },
      declineContext: { file: "record", escalationId: id },
      summary: undefined,
    };
    const { answer, upload } = await tom.acceptFile(forged);
    expect(answer.status).toBe(200);
    expect(h.connector.uploaded(upload.uniqueId)).toBeUndefined();
    expect(tom.fileCards()).toEqual([]);
    expect(lastText(tom)).toBe(`There is no escalation ${reference(id)} for you to see.`);
  });

  it("asks for a reference when none, or a wrong one, is typed", async () => {
    await priya.say("record");
    expect(lastText(priya)).toBe("Type record and the escalation's reference, such as record ESC-3F2A9C1B.");
    await priya.say("record the one about Jamie");
    expect(lastText(priya)).toBe("Type record and the escalation's reference, such as record ESC-3F2A9C1B.");
  });
});

describe("the QA Manager's report", () => {
  it("answers with the figures and a themes chart beside a table, then offers the workbook", async () => {
    const sent = helen.received().length;
    const answer = await helen.say("report 2026-Q4");
    expect(answer.status).toBe(200);
    const card = helen.received()[sent]!;
    expect(card.summary).toBe("Your escalations report");
    const text = cardText(card.card);
    expect(text).toContain(
      "Escalations report: 2026-Q4 (Thursday 1 October 2026 to Thursday 31 December 2026)",
    );
    expect(text).toContain("Raised");
    expect(JSON.stringify(card.card)).toContain('"Chart.HorizontalBar"');
    expect(JSON.stringify(card.card)).toContain('"Table"');
    expect(text).not.toContain(CHILD.name);

    const offer = helen.fileOffers().at(-1)!;
    expect(offer.name).toBe("Escalations_report_2026-10-01_to_2026-12-31.xlsx");
    expect(offer.acceptContext).toEqual({ file: "report", from: "2026-10-01", to: "2026-12-31" });
    const { upload } = await helen.acceptFile(offer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(h.connector.uploaded(upload.uniqueId)!).buffer);
    const headline = workbook.getWorksheet("Headline figures")!;
    expect(headline.getRow(2).values).toEqual([undefined, "Raised in the period", 1]);
  });

  it("reads a financial year and two dates, and says how to name a period when it cannot read one", async () => {
    await helen.say("report 2026-27");
    expect(helen.fileOffers().at(-1)?.name).toBe("Escalations_report_2026-04-01_to_2027-03-31.xlsx");
    await helen.say("report 2026-10-01 2026-12-31");
    expect(helen.fileOffers().at(-1)?.name).toBe("Escalations_report_2026-10-01_to_2026-12-31.xlsx");
    const offers = helen.fileOffers().length;
    await helen.say("report last quarter");
    expect(lastText(helen)).toContain('"last" is not a date written as YYYY-MM-DD.');
    await helen.say("report");
    expect(lastText(helen)).toBe(
      "Type report and a period: 2026-Q3 (a quarter), 2026-27 (a financial year) or 2026-10-01 2026-12-31.",
    );
    expect(helen.fileOffers()).toHaveLength(offers);
  });

  it("is for QA Managers only", async () => {
    const sent = priya.received().length;
    await priya.say("report 2026-Q4");
    expect(cardText(priya.received()[sent]!.card)).toContain("Reports are for QA Managers.");
    expect(h.connector.withAttachment(FILE_CONSENT, priya.user.conversationId)).toHaveLength(0);
  });
});

describe("the Safeguarding Business Manager's copies (Escalation of Concern)", () => {
  let eoc: BotHarness;

  beforeAll(async () => {
    eoc = await BotHarness.start({ env: { POLICY: "escalation-of-concern" } });
    for (const name of ["Priya Shah", "Uma Singh", "Daniel Reid", "Helen Marsh"])
      await eoc.as(name).install();
  }, 60_000);

  afterAll(async () => {
    await eoc.close();
  });

  it("get the concern as a card when it is raised, and the record to save with the card when it concludes", async () => {
    const iro = eoc.as("Priya Shah");
    const sbm = eoc.as("Uma Singh");
    sbm.newCards();
    const escalationId = await raiseThroughCard(eoc, iro, VERBS.raise, {
      categories: "failure-to-plan",
      outcomeSought: "childs-plan-on-track",
    });
    expect(sbm.fileOffers()).toEqual([]);
    const summaries = () => sbm.newCards().map((c) => c.summary);
    expect(summaries()).toEqual([expect.stringMatching(/^ESC-\w{8}: a copy of a new escalation$/)]);

    const card = iro.received().find((c) => findAction(c.card, "withdraw"))!.card;
    expect((await iro.press(card, "withdraw", { reason: "Resolved in supervision." })).status).toBe(200);
    await eoc.idle();
    expect(summaries()).toEqual([expect.stringMatching(/^ESC-\w{8}: a copy of a concluded escalation$/)]);
    const offers = sbm.fileOffers();
    expect(offers.map((o) => [o.name, o.acceptContext])).toEqual([
      ["Escalation_of_Concern.pdf", { file: "record", escalationId }],
    ]);
    const { upload } = await sbm.acceptFile(offers[0]!);
    expect(flatText(await readPdf(eoc.connector.uploaded(upload.uniqueId)!))).toContain(
      "Resolved in supervision.",
    );
    // The IRO is offered it too.
    expect(iro.fileOffers().map((o) => o.acceptContext)).toEqual([{ file: "record", escalationId }]);
  });
});
