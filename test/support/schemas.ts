// The published JSON schemas the tests check cards and the app manifest against, from the copies in
// test/fixtures/schemas (their source and licence are in its README).
import { readFileSync } from "node:fs";
import path from "node:path";

import Ajv, { type ValidateFunction } from "ajv";
import draft06 from "ajv/dist/refs/json-schema-draft-06.json";
import Ajv04 from "ajv-draft-04";

const SCHEMAS = path.resolve(__dirname, "../fixtures/schemas");

export type CardSchema = Record<string, unknown> & {
  definitions: Record<string, Record<string, unknown>>;
};

/** The Adaptive Cards 1.5 schema as published, parsed afresh so a caller may change its copy. */
export function adaptiveCardSchema(): CardSchema {
  return JSON.parse(readFileSync(path.join(SCHEMAS, "adaptive-card-1.5.json"), "utf8")) as CardSchema;
}

/**
 * The Adaptive Cards 1.5 schema with the extensions Teams documents for the cards it renders: the
 * dynamic typeahead on Input.ChoiceSet (`choices.data` of type Data.Query, and the "filtered" style),
 * the card's `msteams` property, and the bar charts Teams draws. `refresh` (with `userIds`) and `authentication` are 1.5 already.
 * Everything else stays as strict as the published schema: an unknown property is still refused.
 */
export function teamsCardSchema(): CardSchema {
  const schema = adaptiveCardSchema();
  const defs = schema.definitions;
  defs["Data.Query"] = {
    type: "object",
    additionalProperties: false,
    required: ["type", "dataset"],
    properties: {
      type: { enum: ["Data.Query"] },
      dataset: { type: "string", minLength: 1 },
      associatedInputs: { enum: ["auto", "none"] },
      count: { type: "number" },
      skip: { type: "number" },
      value: { type: "string" },
    },
  };
  const choiceSet = defs["Input.ChoiceSet"] as { properties: Record<string, unknown> };
  choiceSet.properties["choices.data"] = { $ref: "#/definitions/Data.Query" };
  defs["ChoiceInputStyle"] = { enum: ["compact", "expanded", "filtered", "Compact", "Expanded", "Filtered"] };
  const card = defs["AdaptiveCard"] as { properties: Record<string, unknown> };
  card.properties["msteams"] = {
    type: "object",
    additionalProperties: false,
    properties: {
      width: { enum: ["Full", "full"] },
      entities: { type: "array", items: { type: "object" } },
    },
  };
  // Teams draws bar charts in cards ("Charts in Adaptive Cards"): a title, the data as x and y, colours.
  for (const chart of ["Chart.VerticalBar", "Chart.HorizontalBar"]) {
    defs[chart] = {
      type: "object",
      additionalProperties: false,
      required: ["type", "data"],
      properties: {
        type: { enum: [chart] },
        title: { type: "string" },
        data: {
          type: "array",
          items: {
            type: "object",
            additionalProperties: false,
            required: ["x", "y"],
            properties: {
              x: { type: ["string", "number"] },
              y: { type: "number" },
              color: { type: "string" },
            },
          },
        },
        colorSet: { type: "string" },
        color: { type: "string" },
        displayMode: { enum: ["AbsoluteWithAxis", "AbsoluteNoAxis", "PartToWhole"] },
        xAxisTitle: { type: "string" },
        yAxisTitle: { type: "string" },
        fallback: { anyOf: [{ $ref: "#/definitions/ImplementationsOf.Element" }, { enum: ["drop"] }] },
        height: { enum: ["auto", "stretch"] },
        horizontalAlignment: { enum: ["Left", "Center", "Right"] },
        id: { type: "string" },
        isVisible: { type: "boolean" },
        requires: { type: "object" },
        separator: { type: "boolean" },
        spacing: { type: "string" },
      },
    };
    for (const union of ["ImplementationsOf.Element", "ImplementationsOf.Item"]) {
      (defs[union] as { anyOf: unknown[] }).anyOf.push({
        required: ["type"],
        allOf: [{ $ref: `#/definitions/${chart}` }],
      });
    }
  }
  return schema;
}

/** Compiles an Adaptive Card schema (draft-06, which names itself with the old `id` keyword). */
export function compileCardSchema(schema: object, options: { allErrors?: boolean } = {}): ValidateFunction {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: options.allErrors ?? true });
  ajv.addMetaSchema(draft06);
  ajv.removeKeyword("id");
  return ajv.compile(schema);
}

/** The Teams app manifest 1.22 schema (draft-04), with its one format. */
export function compileManifestSchema(options: { allErrors?: boolean } = {}): ValidateFunction {
  const ajv = new Ajv04({ strict: false, allErrors: options.allErrors ?? false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(
    JSON.parse(readFileSync(path.join(SCHEMAS, "teams-manifest-1.22.schema.json"), "utf8")) as object,
  );
}

/**
 * The published Adaptive Cards schema as Outlook's Actionable Messages read it: the card's `originator` (the
 * registered provider) added, and none of Teams' extensions, so a card using them is refused.
 */
export function outlookCardSchema(): CardSchema {
  const schema = adaptiveCardSchema();
  const card = schema.definitions["AdaptiveCard"] as { properties: Record<string, unknown> };
  card.properties["originator"] = { type: "string", description: "The Actionable Messages provider's id." };
  return schema;
}
