// The pickers' search over a council-sized directory: each field offers only the people who can fill it,
// the team chosen narrows the social worker and team manager, at most 15 come back, and names are found
// however they are typed (any case, without accents, by surname).
import { DirectoryIndex, directorySchema } from "../../../src/domain/directory";
import { PeopleFinder } from "../../../src/domain/people-search";
import { councilDirectory } from "../../builders/council-directory";
import { policy } from "../../builders/escalations";

const council = councilDirectory({ people: 5000, teams: 400 });
const directory = new DirectoryIndex(council.data);
const finder = new PeopleFinder(directory, policy("dorset-qaro"));
const person = (id: string) => directory.person(id)!;
const search = (query: Partial<Parameters<PeopleFinder["find"]>[0]>) =>
  finder.find({ field: "socialWorker", text: "", searcherId: council.iro.id, ...query });

it("offers at most 15, however much matches, and pages on with skip", () => {
  const first = search({ text: "a" });
  expect(first).toHaveLength(15);
  expect(search({ text: "a", top: 500 })).toHaveLength(15);
  const next = search({ text: "a", skip: 15 });
  expect(next).toHaveLength(15);
  expect(next.map((c) => c.value)).not.toContain(first[0]!.value);
});

it("with a team chosen, offers only that team's social workers; its manager only as team manager", () => {
  const teamId = council.team.id;
  const workers = search({ teamId, top: 15 });
  expect(workers.length).toBeGreaterThan(0);
  expect(workers.every((c) => person(c.value).teamId === teamId)).toBe(true);
  expect(workers.map((c) => c.value)).not.toContain(council.teamManager.id);
  const managers = search({ field: "teamManager", teamId });
  expect(managers.map((c) => c.value)).toEqual([council.teamManager.id]);
});

it("without a team, the team manager's picker offers team managers only", () => {
  const managers = search({ field: "teamManager", text: "" });
  expect(managers).toHaveLength(15);
  expect(managers.every((c) => person(c.value).jobTitle === "Team Manager")).toBe(true);
});

it("finds a name in any case, without its accents, by surname, and by its first letters first", () => {
  const zoe = council.data.people.find((p) => p.name.startsWith("Zoë") && p.jobTitle === "Team Manager")!;
  const [first, last, ...rest] = zoe.name.split(" ") as [string, string, ...string[]];
  const plain = zoe.name.replace("ë", "e");
  for (const typed of [plain.toLowerCase(), zoe.name.toUpperCase(), [last, first, ...rest].join(" ")]) {
    const found = search({ field: "teamManager", text: typed, top: 15 });
    expect([typed, found.some((c) => c.value === zoe.id)]).toEqual([typed, true]);
  }
  const oneil = council.data.people.find((p) => p.name.includes("O'Neil"))!;
  expect(search({ field: "socialWorker", text: "oneil" }).length).toBeGreaterThan(0);
  expect(finder.find({ field: "socialWorker", text: "o'neil", searcherId: "" })[0]?.title).toContain(
    "O'Neil",
  );
  expect(oneil).toBeDefined();
  // Names that start with what was typed come before names that merely contain a word starting with it.
  const ranked = search({ field: "teamManager", text: "Amy" });
  expect(ranked[0]!.title.startsWith("Amy")).toBe(true);
});

it("offers the searcher's own manager as their manager, with the IRO managers", () => {
  const found = search({ field: "iroManager", text: council.iroManager.name });
  expect(found[0]?.value).toBe(council.iroManager.id);
  expect(found[0]?.title).toBe(`${council.iroManager.name} (IRO Manager)`);
});

it("offers teams by name", () => {
  const found = search({ field: "team", text: council.team.name });
  expect(found[0]).toEqual({ title: council.team.name, value: council.team.id });
});

it("offers as delegates exactly the hand-over's people: reports and deputies, never the excluded", () => {
  const deputy = council.data.people.find(
    (p) => p.teamId === council.team.id && p.jobTitle === "Deputy Team Manager",
  )!;
  const found = search({
    field: "delegate",
    handOver: {
      teamId: council.team.id,
      reportsOf: [council.teamManager.id],
      excluded: [council.teamManager.id, council.iro.id, council.socialWorker.id],
    },
    top: 15,
    text: "",
  });
  const ids = found.map((c) => c.value);
  expect(ids).toContain(deputy.id);
  expect(ids).not.toContain(council.socialWorker.id);
  expect(ids.every((id) => person(id).managerId === council.teamManager.id || id === deputy.id)).toBe(true);
  expect(search({ field: "delegate" })).toEqual([]);
});

it("a directory that names nobody for a seat offers everyone rather than nothing", () => {
  const tiny = new DirectoryIndex(
    directorySchema.parse({
      people: [
        { id: "a", name: "Ann Able" },
        { id: "b", name: "Bob Baker" },
      ],
      teams: [{ id: "t", name: "Team" }],
    }),
  );
  const found = new PeopleFinder(tiny, policy("dorset-qaro")).find({
    field: "teamManager",
    text: "",
    searcherId: "a",
  });
  expect(found.map((c) => c.value)).toEqual(["a", "b"]);
});
