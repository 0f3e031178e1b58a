// Who a stage may be handed to, in a council's directory of thousands: the card asks only whether anyone
// may take it over, and gets the answer the full list would give without gathering and sorting it.
import { DirectoryIndex } from "../../../src/domain/directory";
import type { PersonRef } from "../../../src/domain/escalation";
import {
  anyHandOverCandidate,
  handOverCandidates,
  type HandOverQuery,
  type PeopleLookup,
} from "../../../src/domain/permissions";
import { councilDirectory } from "../../builders/council-directory";

const council = councilDirectory({ people: 5000, teams: 400 });
const directory = new DirectoryIndex(council.data);

describe("whether anyone may take a stage over", () => {
  const reports = directory.reportsOf(council.teamManager.id).map((p) => p.id);
  const deputies = directory.holdersFor(council.team.id, "deputy-team-manager").map((p) => p.id);
  const teamManagers = directory.holdersAnywhere("team-manager").map((p) => p.id);
  const asked = (over: Partial<HandOverQuery>): HandOverQuery => ({
    teamId: council.team.id,
    reportsOf: [council.teamManager.id],
    excluded: [council.iro.id, council.socialWorker.id, council.teamManager.id],
    ...over,
  });

  it.each<[string, HandOverQuery]>([
    [
      "the answerer's reports, the team's deputies and the role's other holders",
      asked({ role: "team-manager" }),
    ],
    ["without the stage's role", asked({})],
    ["the reports all left out", asked({ excluded: [...reports] })],
    ["the reports and the deputies left out", asked({ excluded: [...reports, ...deputies] })],
    [
      "everyone left out but the role's holders",
      asked({ role: "team-manager", excluded: [...reports, ...deputies] }),
    ],
    [
      "everyone left out",
      asked({ role: "team-manager", excluded: [...reports, ...deputies, ...teamManagers] }),
    ],
    ["someone with no reports", asked({ reportsOf: [council.iro.id], excluded: [...deputies] })],
  ])("is what the full list says: %s", (_, query) => {
    expect(anyHandOverCandidate(query, directory)).toBe(handOverCandidates(query, directory).length > 0);
  });

  it("looks no further than the first source that holds someone", () => {
    const looked: string[] = [];
    const someone: PersonRef = { id: "someone", name: "Someone" };
    const people: PeopleLookup = {
      reportsOf: () => (looked.push("reports"), [someone]),
      holdersFor: () => (looked.push("deputies"), []),
      holdersAnywhere: () => (looked.push("role"), []),
      agencies: () => [],
      agencyHolders: () => [],
    };
    expect(anyHandOverCandidate(asked({ role: "team-manager" }), people)).toBe(true);
    expect(looked).toEqual(["reports"]);
    looked.length = 0;
    expect(anyHandOverCandidate(asked({ role: "team-manager", excluded: ["someone"] }), people)).toBe(false);
    expect(looked).toEqual(["reports", "deputies", "role"]);
  });
});

it("lists a manager's reports in the directory's order, each a copy of its own", () => {
  const manager = council.teamManager.id;
  const expected = council.data.people
    .filter((p) => p.managerId === manager)
    .map((p) => ({ id: p.id, name: p.name }));
  expect(expected.length).toBeGreaterThan(0);
  const first = directory.reportsOf(manager);
  expect(first).toEqual(expected);
  (first as { name: string }[])[0]!.name = "changed by a caller";
  expect(directory.reportsOf(manager)).toEqual(expected);
  expect(directory.reportsOf("nobody's manager")).toEqual([]);
});
