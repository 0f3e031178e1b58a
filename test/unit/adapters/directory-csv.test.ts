// A directory exported as CSV by an HR or identity system: the byte-order mark Excel writes, quoted fields
// holding commas, quotes and line breaks, Windows line endings, and blank lines.
import { CsvError, directoryFromCsv, parseCsv } from "../../../src/adapters/directory-csv";

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
