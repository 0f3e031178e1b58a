// The card check the tests use: the published Adaptive Cards 1.5 schema with Teams' documented extensions.
// A Teams feature passes; anything else the 1.5 schema refuses is still refused.
import { schemaErrors, validateCard } from "./support";

const card = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "Input.ChoiceSet", id: "who", label: "Who", choices: [], ...input }],
  ...extra,
});
const query = { type: "Data.Query", dataset: "escalations.teamManager", associatedInputs: "auto" };

it("accepts Teams' typeahead (choices.data, the filtered style) and the card's msteams width", () => {
  expect(schemaErrors(validateCard, card({ style: "filtered", "choices.data": query }))).toEqual([]);
  expect(schemaErrors(validateCard, card({}, { msteams: { width: "Full" } }))).toEqual([]);
});

it("still refuses what neither the 1.5 schema nor Teams knows", () => {
  expect(schemaErrors(validateCard, card({ "choices.data": { type: "Data.Query" } }))).not.toEqual([]);
  expect(
    schemaErrors(validateCard, card({ "choices.data": { ...query, associatedInputs: "all" } })),
  ).not.toEqual([]);
  expect(schemaErrors(validateCard, card({ choise: [] }))).not.toEqual([]);
  expect(schemaErrors(validateCard, card({ style: "dropdown" }))).not.toEqual([]);
  expect(schemaErrors(validateCard, card({}, { msteams: { wdth: "Full" } }))).not.toEqual([]);
});
