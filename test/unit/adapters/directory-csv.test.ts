// A directory exported as CSV by an HR or identity system: the byte-order mark Excel writes, quoted fields
// holding commas, quotes and line breaks, Windows line endings, and blank lines.
import { readFileSync } from "node:fs";
import path from "node:path";

import { CsvError, directoryFromCsv, parseCsv } from "../../../src/adapters/directory-csv";
import { type DirectoryData, directorySchema } from "../../../src/domain/directory";

describe("reading a directory CSV", () => {
  it("reads a byte-order mark, CRLF, quoted commas, quotes and line breaks, and skips blank lines", () => {
    const text =
      '\uFEFFid,name,jobTitle\r\np1,"Reid, Daniel","Team Manager\r\n(""North"")"\r\n\r\n,,\r\np2,Amy Clarke,Social Worker\r\n';

    expect(parseCsv(text)).toEqual([
      ["id", "name", "jobTitle"],
      ["p1", "Reid, Daniel", 'Team Manager\r\n("North")'],
      ["p2", "Amy Clarke", "Social Worker"],
    ]);
  });

  it("turns the rows into a directory, with the BOM not mistaken for part of the first column's name", () => {
    const directory = directoryFromCsv("\uFEFFid,name,team,roles\np1,Daniel Reid,north-cic,team-manager\n");

    expect(directory).toEqual({
      people: [{ id: "p1", name: "Daniel Reid", roles: [], teamId: "north-cic" }],
      teams: [{ id: "north-cic", name: "north-cic", roles: { "team-manager": ["p1"] } }],
      council: {},
    });
  });

  it("refuses an unterminated quoted field with a clear message", () => {
    expect(() => parseCsv('id,name\np1,"Daniel Reid\n')).toThrow(CsvError);
  });
});

describe("a partnership's agencies in a directory CSV", () => {
  it("puts a row's team roles in the agency its agency column names, as well as in its teams", () => {
    const directory = directoryFromCsv(
      [
        "id,name,team,roles,organisation,agency,agencyName",
        "p1,Daniel Reid,north-cic,team-manager,,social-care,Children's Social Care",
        "p2,Hannah Brooks,,service-manager:north-cic|south-cic,,social-care,",
        "p3,Rhys Morgan,,team-manager;head-of-service,Police,police,Police",
        "p4,Amy Clarke,north-cic,team-manager,,,",
      ].join("\n"),
    );

    expect(directory).toEqual({
      people: [
        { id: "p1", name: "Daniel Reid", roles: [], teamId: "north-cic" },
        { id: "p2", name: "Hannah Brooks", roles: [] },
        { id: "p3", name: "Rhys Morgan", roles: [], organisation: "Police" },
        { id: "p4", name: "Amy Clarke", roles: [], teamId: "north-cic" },
      ],
      teams: [
        {
          id: "north-cic",
          name: "north-cic",
          roles: { "team-manager": ["p1", "p4"], "service-manager": ["p2"] },
        },
        { id: "south-cic", name: "south-cic", roles: { "service-manager": ["p2"] } },
      ],
      agencies: [
        {
          id: "social-care",
          name: "Children's Social Care",
          roles: { "team-manager": ["p1"], "service-manager": ["p2"] },
        },
        { id: "police", name: "Police", roles: { "team-manager": ["p3"], "head-of-service": ["p3"] } },
      ],
      council: {},
    });
  });

  it("reads the example directory's CSV as the example directory, agencies and all", () => {
    const example = (file: string) => readFileSync(path.join(__dirname, "../../../examples", file), "utf8");
    const fromCsv = directorySchema.parse(directoryFromCsv(example("directory.csv")));
    const fromJson = directorySchema.parse(JSON.parse(example("directory.json")));

    expect(inOrder(fromCsv)).toEqual(inOrder(fromJson));
    expect(fromCsv.agencies.map((a) => a.id)).toEqual(["childrens-social-care", "police", "health"]);
  });
});

/** A directory with its lists in id order and each role's holders sorted, so two files are compared by content. */
function inOrder(directory: DirectoryData): DirectoryData {
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const holders = (roles: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(roles).map(([role, ids]) => [role, [...ids].sort()]));
  return {
    people: byId(directory.people).map((p) => ({ ...p, roles: [...p.roles].sort() })),
    teams: byId(directory.teams).map((t) => ({ ...t, roles: holders(t.roles) })),
    agencies: byId(directory.agencies).map((a) => ({ ...a, roles: holders(a.roles) })),
    council: holders(directory.council),
  };
}
