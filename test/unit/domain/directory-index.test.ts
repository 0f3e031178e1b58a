// Who a person is to the bot: the roles the directory gives them and those they hold in teams, the council
// and agencies, found the same way for a council's directory of hundreds of teams.
import example from "../../../examples/directory.json";
import { type DirectoryData, DirectoryIndex, directorySchema } from "../../../src/domain/directory";
import { isRole, ROLES, roleScope } from "../../../src/domain/roles";
import { councilDirectory } from "../../builders/council-directory";

const sample: DirectoryData = directorySchema.parse(example);

/** Each role a person holds, gone through the directory as it reads: own, teams in order, council, agencies. */
function rolesByScanning(data: DirectoryData, id: string): string[] {
  const roles = new Set<string>(data.people.find((p) => p.id === id)?.roles ?? []);
  const scan = (held: Partial<Record<string, readonly string[]>>) => {
    for (const [role, ids] of Object.entries(held)) if (ids?.includes(id)) roles.add(role);
  };
  for (const team of data.teams) scan(team.roles);
  scan(data.council);
  for (const agency of data.agencies) scan(agency.roles);
  return [...roles];
}

it("gives each person of the sample directory the roles they hold anywhere in it, each once", () => {
  const index = new DirectoryIndex(sample);
  for (const person of sample.people) {
    const actor = index.actor(person.id);
    expect(actor?.person).toEqual({ id: person.id, name: person.name });
    expect(actor?.roles).toEqual(rolesByScanning(sample, person.id));
  }
  expect(index.actor("not-in-the-directory")).toBeUndefined();
});

it("finds the roles of someone who holds them in several teams and the council, in that order", () => {
  const [first, second] = sample.teams;
  const someone = sample.people[0]!;
  const data: DirectoryData = {
    ...sample,
    people: sample.people.map((p) => (p.id === someone.id ? { ...p, roles: ["social-worker"] } : p)),
    teams: [
      { ...first!, roles: { ...first!.roles, "team-manager": [someone.id] } },
      {
        ...second!,
        roles: { ...second!.roles, "service-manager": [someone.id], "team-manager": [someone.id] },
      },
      ...sample.teams.slice(2),
    ],
  };
  const roles = new DirectoryIndex(data).actor(someone.id)?.roles ?? [];
  expect(roles).toEqual(rolesByScanning(data, someone.id));
  expect(roles).toEqual(["social-worker", "team-manager", "service-manager", "qa-manager"]);
  expect(new Set(roles).size).toBe(roles.length);
});

it("gives everyone who holds each role anywhere, in the directory's order, the same each time it is asked", () => {
  const council = councilDirectory({ people: 500, teams: 40 });
  const index = new DirectoryIndex(council.data);
  for (const role of Object.keys(ROLES).filter(isRole)) {
    const ids =
      roleScope(role) === "team"
        ? council.data.teams.flatMap((team) => team.roles[role] ?? [])
        : roleScope(role) === "council"
          ? (council.data.council[role] ?? [])
          : [];
    const expected = [...new Set(ids)].map((id) => index.ref(id));
    const first = index.holdersAnywhere(role);
    expect(first).toEqual(expected);
    for (const p of first) (p as { name: string }).name = "changed by a caller";
    expect(index.holdersAnywhere(role)).toEqual(expected);
  }
  expect(index.holdersAnywhere("team-manager").length).toBe(40);
});
