// Drawing cards from their templates: the same view is expanded once however often it is drawn, and each
// caller gets a card of its own.
import * as ACData from "adaptivecards-templating";

import { expand } from "../../../src/adapters/cards/render";

const template = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "${headline}", wrap: true }],
};

afterEach(() => jest.restoreAllMocks());

it("expands a view once: drawing it again gives the same card without the engine", () => {
  const engine = jest.spyOn(ACData.Template.prototype, "expand");
  const first = expand(template, { headline: "Response received: Level 1" });
  const again = expand(template, { headline: "Response received: Level 1" });
  expect(again).toEqual(first);
  expect(engine).toHaveBeenCalledTimes(1);

  const other = expand(template, { headline: "You are asked to respond: Level 2" });
  expect(other["body"]).toEqual([
    { type: "TextBlock", text: "You are asked to respond: Level 2", wrap: true },
  ]);
  expect(engine).toHaveBeenCalledTimes(2);
});

it("gives each caller a card of its own: changing one changes no other", () => {
  const view = { headline: "Escalation concluded" };
  const first = expand(template, view);
  (first["body"] as { text: string }[])[0]!.text = "changed by its caller";
  const second = expand(template, view);
  expect(second["body"]).toEqual([{ type: "TextBlock", text: "Escalation concluded", wrap: true }]);
  (second["body"] as { text: string }[])[0]!.text = "changed again";
  expect(expand(template, view)["body"]).toEqual([
    { type: "TextBlock", text: "Escalation concluded", wrap: true },
  ]);
});
