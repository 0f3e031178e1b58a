// The raise form: valid Adaptive Cards 1.5 for every shipped policy; inputs named as RaiseForm reads them;
// the domain's problems shown in red under the right input, with what was typed kept.
import directoryFile from "../../../examples/directory.json";
import { parseDataset, PROBLEM_FIELDS, raiseFormCard, VERBS } from "../../../src/adapters/cards";
import type { RaiseForm } from "../../../src/application/raise-escalation";
import { DirectoryIndex, directorySchema } from "../../../src/domain/directory";
import type { FieldProblem } from "../../../src/domain/errors";
import { raise } from "../../../src/domain/transitions";
import { councilDirectory } from "../../builders/council-directory";
import { actors, context, policy, type PolicyId, raiseCommand, refused } from "../../builders/escalations";
import {
  AGENCY_FIELDS,
  COUNCIL_RAISE_FORM_FIELDS as FIELDS,
  RAISE_FORM_FIELDS,
} from "../../builders/raise-form-fields";
import { bytes, inputs, type Node, nodes, ofType, runTexts, schemaErrors, validateCard } from "./support";

const directory = new DirectoryIndex(directorySchema.parse(directoryFile));
const RAISER = "753c206b-5640-5c12-b795-8c4dc42cb506"; // Priya Shah, QARO; her manager is Helen Marsh
const HELEN_MARSH = "361d65c9-cb7e-52b5-a997-0a0902bdcfd6";
const EVIL = "**bold** [click](https://evil.example) ${child.name} {{DATE(2026-01-01T00:00:00Z)}}";

function form(options: { policy?: PolicyId; values?: Partial<RaiseForm>; problems?: FieldProblem[] } = {}) {
  return raiseFormCard({
    formId: "form-0001-abcd",
    policy: policy(options.policy ?? "dorset-qaro"),
    directory,
    raiserId: RAISER,
    ...(options.values ? { values: options.values } : {}),
    ...(options.problems ? { problems: options.problems } : {}),
  });
}

const REQUIRED = [
  "childName",
  "caseId",
  "dateOfBirth",
  "legalStatus",
  "teamId",
  "socialWorkerId",
  "teamManagerId",
  "iroManagerId",
  "categories",
  "summary",
  "impactOnChild",
  "requestedWhat",
  "requestedWho",
  "requestedByWhen",
  "outcomeSought",
];

describe("the raise form", () => {
  it.each<PolicyId>(["dorset-qaro", "escalation-of-concern", "professional-challenge", "multi-agency"])(
    "is a valid Adaptive Card 1.5 under %s",
    (id) => {
      expect(schemaErrors(validateCard, form({ policy: id }))).toEqual([]);
    },
  );

  it("has one input for each field RaiseForm reads, the domain's required ones marked with their messages", () => {
    const card = form();
    const found = inputs(card);
    expect(found.map((n) => n.id)).toEqual(FIELDS);
    for (const input of found) {
      expect([input.id, input.isRequired === true]).toEqual([input.id, REQUIRED.includes(String(input.id))]);
      expect(typeof input.errorMessage === "string" || input.type === "Input.Toggle").toBe(true);
    }
    expect(inputs(card).find((n) => n.id === "categories")).toMatchObject({ isMultiSelect: true });
    expect(inputs(card).find((n) => n.id === "qaManagerConsulted")).toMatchObject({
      valueOn: "true",
      valueOff: "false",
    });
  });

  it("asks for the lead agency and the others taking part only where the process is between agencies", () => {
    const card = form({ policy: "multi-agency" });
    // The partnership's bypass needs no consultation, so that toggle is not asked.
    expect(inputs(card).map((n) => n.id)).toEqual(
      RAISE_FORM_FIELDS.filter((f) => f !== "qaManagerConsulted"),
    );
    expect(inputs(card).find((n) => n.id === "leadAgency")).toMatchObject({
      isRequired: true,
      errorMessage: "Choose the lead agency.",
      choices: [
        { title: "Children's Social Care", value: "childrens-social-care" },
        { title: "Police", value: "police" },
        { title: "Health", value: "health" },
      ],
    });
    expect(inputs(card).find((n) => n.id === "agencies")).toMatchObject({
      isMultiSelect: true,
      isRequired: true,
    });
    expect(inputs(form()).filter((n) => AGENCY_FIELDS.includes(String(n.id)))).toEqual([]);
  });

  it("sends the raise verb with the form's id", () => {
    expect(ofType(form(), "Action.Execute")).toEqual([
      expect.objectContaining({
        verb: VERBS.raise,
        data: { formId: "form-0001-abcd", policyId: expect.any(String) as string },
      }),
    ]);
  });

  it("lists the policy's short lists, searches people and teams as the person types, the raiser's manager chosen", () => {
    const card = form();
    const input = (id: string) => inputs(card).find((n) => n.id === id);
    const choices = (id: string) => (input(id)?.choices as Node[]).map((c) => c.value);
    expect(choices("legalStatus")).toEqual(["CIC", "CP"]);
    expect(choices("categories")).toEqual(policy("dorset-qaro").categories.items.map((c) => c.id));
    expect(choices("outcomeSought")).toEqual(policy("dorset-qaro").outcomes.items.map((c) => c.id));
    expect(choices("startStageId")).toEqual(["informal", "stage-1", "stage-2", "stage-3", "stage-4"]);
    expect(input("iroManagerId")).toMatchObject({ value: HELEN_MARSH });
    expect(choices("iroManagerId")).toEqual([HELEN_MARSH]);
    expect(input("startStageId")).toMatchObject({ value: "informal" });
    for (const id of ["teamId", "socialWorkerId", "teamManagerId", "responsibleId"])
      expect([id, choices(id)]).toEqual([id, []]);
    const datasets = Object.fromEntries(
      ["teamId", "socialWorkerId", "teamManagerId", "iroManagerId", "responsibleId"].map((id) => [
        id,
        input(id)?.["choices.data"],
      ]),
    );
    for (const [id, query] of Object.entries(datasets)) {
      expect([id, parseDataset((query as { dataset: string }).dataset)?.field]).toEqual([
        id,
        id.replace(/Id$/, ""),
      ]);
    }
    // The social worker and team manager are narrowed to the team chosen: Teams sends the inputs along.
    expect(datasets["socialWorkerId"]).toMatchObject({ type: "Data.Query", associatedInputs: "auto" });
    expect(datasets["teamManagerId"]).toMatchObject({ type: "Data.Query", associatedInputs: "auto" });
  });

  it("keeps a prefill and the values just submitted, exactly as typed", () => {
    const values: Partial<RaiseForm> = {
      childName: `Jamie ${EVIL}`,
      caseId: "MOS-100234",
      dateOfBirth: "2015-06-15",
      legalStatus: "CIC",
      teamId: "north-cic",
      categories: "safety,other",
      categoryOther: `Contact ${EVIL}`,
      summary: `Pasted from a message:\n${EVIL}`,
      requestedByWhen: "2026-12-01",
      outcomeSought: "other",
      outcomeOther: EVIL,
      startStageId: "stage-2",
      bypassReason: EVIL,
      qaManagerConsulted: "true",
      timescaleWorkingDays: "3",
    };
    const card = form({ values });
    expect(schemaErrors(validateCard, card)).toEqual([]);
    for (const [id, value] of Object.entries(values)) {
      expect([id, inputs(card).find((n) => n.id === id)?.value]).toEqual([id, value]);
    }
  });

  it("shows a person already chosen by name, so the picker reads as chosen when the form comes back", () => {
    const card = form({ values: { teamManagerId: HELEN_MARSH, teamId: "north-cic" } });
    const manager = inputs(card).find((n) => n.id === "teamManagerId");
    expect(manager?.value).toBe(HELEN_MARSH);
    expect(manager?.choices).toEqual([
      { title: "Helen Marsh (QA Manager (Quality Assurance))", value: HELEN_MARSH },
    ]);
    expect(inputs(card).find((n) => n.id === "teamId")?.choices).toEqual([
      { title: "North Children in Care Team", value: "north-cic" },
    ]);
  });

  it("is the same size for a council of 5,000 people in 400 teams as for the example directory", () => {
    const large = new DirectoryIndex(councilDirectory({ people: 5000, teams: 400 }).data);
    const big = raiseFormCard({
      formId: "form-0001-abcd",
      policy: policy("dorset-qaro"),
      directory: large,
      raiserId: RAISER,
    });
    expect(bytes(big)).toBeLessThan(20 * 1024);
    expect(Math.abs(bytes(big) - bytes(form()))).toBeLessThan(200);
  });

  it("stays well inside a Teams message with the example directory", () => {
    expect(bytes(form())).toBeLessThan(20 * 1024);
  });
});

describe("the domain's problems, next to their fields", () => {
  const ctx = context();
  const empty = refused(
    raise({ id: "form-0001-abcd", actor: actors.iro, child: {}, concern: {} }, ctx),
    "invalid-input",
  );
  const base = raiseCommand(ctx);
  const wrong = refused(
    raise(
      {
        ...base,
        concern: {
          ...base.concern,
          categories: [{ id: "other" }],
          outcomeSought: { id: "other" },
        },
        startStageId: "stage-3",
        timescale: { kind: "date", due: "2026-13-40" },
        responsible: { id: "p-x", name: " " },
      },
      ctx,
    ),
    "invalid-input",
  );
  const unknownStage = refused(raise({ ...base, startStageId: "stage-9" }, ctx), "invalid-input");
  const ma = context({ policy: "multi-agency" });
  const agencyProblems = [{ lead: "fire" }, { lead: "police", involved: ["fire"] }].flatMap((agencies) => {
    const error = refused(raise({ ...raiseCommand(ma), agencies }, ma), "invalid-input");
    return error.code === "invalid-input"
      ? error.problems.filter((p) => p.field.startsWith("agencies."))
      : [];
  });
  const problems: FieldProblem[] = [
    ...agencyProblems,
    ...(empty.code === "invalid-input" ? empty.problems : []),
    ...(wrong.code === "invalid-input" ? wrong.problems : []),
    ...(unknownStage.code === "invalid-input" ? unknownStage.problems : []),
  ];

  it("covers every field the domain reports on raising", () => {
    const reported = [...new Set(problems.map((p) => p.field))].sort();
    expect(reported).toEqual(Object.keys(PROBLEM_FIELDS).sort());
  });

  it.each(Object.entries(PROBLEM_FIELDS))("%s is shown under %s", (field, input) => {
    const mine = problems.filter((p) => p.field === field);
    const message = mine.map((p) => p.message).join(" ");
    const card = form({
      policy: field.startsWith("agencies.") ? "multi-agency" : "dorset-qaro",
      problems: mine,
      values: { childName: "Jamie Example" },
    });
    expect(schemaErrors(validateCard, card)).toEqual([]);
    const body = card.body as Node[];
    const shownAfter = input === "timescale" ? "timescaleDate" : input;
    const at = body.findIndex((n) => n.id === shownAfter);
    expect(at).toBeGreaterThan(-1);
    const next = body[at + 1]!;
    expect(next.type).toBe("RichTextBlock");
    expect(next.inlines).toEqual([{ type: "TextRun", text: message, color: "Attention" }]);
    if (input !== "timescale") expect(body[at]!.errorMessage).toBe(message);
    // One field, one red line; the summary at the top counts the problems; what was typed stays.
    expect(nodes(card).filter((n) => n.color === "Attention")).toHaveLength(1);
    expect(ofType(card, "TextBlock").map((n) => n.text)).toContain(
      mine.length === 1
        ? "The concern was not sent: one thing needs correcting. It is shown in red below."
        : `The concern was not sent: ${mine.length} things need correcting. They are shown in red below.`,
    );
    expect(inputs(card).find((n) => n.id === "childName")?.value).toBe("Jamie Example");
  });

  it("shows a problem with no field of its own at the top, literally", () => {
    const card = form({
      problems: [
        { field: "formId", message: "The form is damaged: open a new one." },
        { field: "concern.summary", message: `Bad ${EVIL}` },
      ],
    });
    const top = (card.body as Node[]).find((n) => n.type === "Container" && n.style === "attention");
    expect(runTexts(top)).toEqual(["The form is damaged: open a new one."]);
    expect(runTexts(card)).toContain(`Bad ${EVIL}`);
    expect(JSON.stringify(card)).not.toContain("{{DATE(");
  });

  it("also accepts a problem named by the input itself", () => {
    const card = form({ problems: [{ field: "caseId", message: "Not a Mosaic number." }] });
    const body = card.body as Node[];
    expect(runTexts(body[body.findIndex((n) => n.id === "caseId") + 1])).toEqual(["Not a Mosaic number."]);
  });
});

describe("text limits are said, never enforced by cutting (hardening point 9)", () => {
  const texts = (card: object) =>
    inputs(card).filter((n) => n.type === "Input.Text" && n.id !== "timescaleWorkingDays");

  it("every text input says its limit beside the field and lets the person type past it, so nothing is cut unseen", () => {
    const card = form({ values: { categories: "other", outcomeSought: "other" } });
    expect(texts(card).length).toBeGreaterThan(8);
    for (const input of texts(card)) {
      expect([input.id, input.maxLength]).toEqual([input.id, undefined]);
      expect([input.id, String(input.label)]).toEqual([
        input.id,
        expect.stringMatching(/\(up to (200|4,000) characters\)$/),
      ]);
    }
  });

  it("a text over its limit comes back whole, with the field and its length named", () => {
    const long = "a".repeat(10_000);
    const result = raise(
      { ...raiseCommand(context()), concern: { ...raiseCommand(context()).concern, summary: long } },
      context(),
    );
    const error = refused(result, "invalid-input");
    const problems = error.code === "invalid-input" ? [...error.problems] : [];
    const card = form({ values: { summary: long }, problems });
    expect(inputs(card).find((n) => n.id === "summary")?.value).toBe(long);
    expect(runTexts(card)).toContain(
      "The brief summary of the concern is 10000 characters long; the limit is 4000.",
    );
  });
});
