// The Cosmos DB document of an escalation: it holds the whole record, and reading it back gives the record.
import fc from "fast-check";

import { DocumentError, fromDocument, toDocument } from "../../../src/adapters/cosmos/escalation-document";
import { arbitraryEscalation } from "../../builders/arbitraries";
import { context, raised } from "../../builders/escalations";

/** What Cosmos DB hands back: JSON, with its own system fields added. */
function stored(document: object): Record<string, unknown> {
  return {
    ...(JSON.parse(JSON.stringify(document)) as Record<string, unknown>),
    _rid: "r",
    _etag: '"e"',
    _ts: 1,
    _self: "s",
    _attachments: "a",
  };
}

describe("escalation documents", () => {
  test("are checked without compiling code of their own, on a worker's first read as on any other", () => {
    const document = stored(toDocument(raised(context())));
    const compiled = jest.spyOn(globalThis, "Function");
    jest.isolateModules(() => {
      // A fresh copy of the module and of zod, whose schemas have checked nothing yet.
      const fresh =
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("../../../src/adapters/cosmos/escalation-document") as typeof import("../../../src/adapters/cosmos/escalation-document");
      expect(fresh.fromDocument(document)).toEqual(fromDocument(document));
    });
    expect(compiled).not.toHaveBeenCalled();
    compiled.mockRestore();
  });

  test("any escalation the domain can produce round-trips through its document", () => {
    const policies = fc.constantFrom(
      "dorset-qaro" as const,
      "escalation-of-concern" as const,
      "professional-challenge" as const,
    );
    fc.assert(
      fc.property(policies.chain(arbitraryEscalation), (escalation) => {
        expect(fromDocument(stored(toDocument(escalation)))).toEqual(escalation);
      }),
      { numRuns: 200 },
    );
  });

  test("the query fields follow the record: who it waits on, what it still owes, when it closed", () => {
    const escalation = raised(context());
    const document = toDocument(escalation);
    expect(document.waitingOn).toEqual([escalation.stages[0]!.responsible.id]);
    expect(document.pendingMessages).toBe(escalation.outbox.length);
    expect(document.concludedAt).toBeNull();
    expect(document.iroId).toBe(escalation.iro.id);
  });

  test("a damaged document is reported with where it is damaged, not acted on", () => {
    const document = stored(toDocument(raised(context())));
    delete (document["child"] as Record<string, unknown>)["caseId"];
    expect(() => fromDocument(document)).toThrow(DocumentError);
    expect(() => fromDocument(document)).toThrow(/child\.caseId/);
  });

  test("a document of another kind or schema version is refused", () => {
    const document = stored(toDocument(raised(context())));
    expect(() => fromDocument({ ...document, type: "person" })).toThrow(/not an escalation/);
    expect(() => fromDocument({ ...document, schemaVersion: 99 })).toThrow(/schema version 99/);
  });
});
