// A directory the size of a large council's children's services: `people` people in `teams` teams, each
// team with its team manager, deputy and social workers, a management line above them (a Service Manager
// for every 8 teams, a Head of Locality for every 25, a Head of Service for every 50, an Assistant Director
// for every 100), IROs and their managers, and one holder of each council-wide role. Names are made from
// common first names and surnames, so many people share a first name or a surname, as in a real council.
// Deterministic: the same sizes give the same directory.
import { type DirectoryData, directorySchema } from "../../src/domain/directory";

const FIRST = [
  "Amy",
  "Ben",
  "Chloe",
  "Daniel",
  "Erin",
  "Farah",
  "George",
  "Hannah",
  "Ian",
  "Julia",
  "Kieran",
  "Laura",
  "Martin",
  "Nadia",
  "Oliver",
  "Priya",
  "Rachel",
  "Simon",
  "Tanya",
  "Uma",
  "Victor",
  "Wendy",
  "Xavier",
  "Yasmin",
  "Zoë",
  "Aisha",
  "Callum",
  "Dev",
  "Eilidh",
  "Femi",
  "Grace",
  "Harpreet",
  "Imran",
  "Jodie",
];
const LAST = [
  "Clarke",
  "Hughes",
  "Evans",
  "Reid",
  "Walsh",
  "Iqbal",
  "Patel",
  "Brooks",
  "Moss",
  "Fenwick",
  "Doyle",
  "Bennett",
  "Cole",
  "Rahman",
  "Grant",
  "Shah",
  "Adams",
  "Price",
  "Hill",
  "Singh",
  "Lane",
  "Ford",
  "Stone",
  "O'Neil",
  "Okafor",
  "Marsh",
  "Lowe",
  "Nowak",
  "Kaur",
  "Mensah",
  "Jones",
  "Smith-Taylor",
];

const COUNCIL_ROLES = [
  "qa-manager",
  "head-of-quality-assurance",
  "corporate-director",
  "executive-director",
  "chief-executive",
  "elected-member",
  "safeguarding-business-manager",
  "nominated-officer",
  "partnership-executive",
  "independent-scrutineer",
] as const;

type Person = DirectoryData["people"][number];
type Team = DirectoryData["teams"][number];

export interface CouncilDirectory {
  readonly data: DirectoryData;
  /** One IRO, one team (with its manager and a social worker), and the QA Manager, for walking a case. */
  readonly iro: Person;
  readonly iroManager: Person;
  readonly team: Team;
  readonly teamManager: Person;
  readonly socialWorker: Person;
  readonly qaManager: Person;
}

export function councilDirectory(size: { people: number; teams: number }): CouncilDirectory {
  const people: Person[] = [];
  let n = 0;
  const add = (jobTitle: string, extra: Partial<Person> = {}): Person => {
    const first = FIRST[n % FIRST.length] ?? "Sam";
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length] ?? "Smith";
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    const person: Person = {
      id,
      name: `${first} ${last}${n >= FIRST.length * LAST.length ? ` ${Math.floor(n / (FIRST.length * LAST.length)) + 1}` : ""}`,
      email: `person.${n}@council.example.gov.uk`,
      jobTitle,
      roles: [],
      ...extra,
    };
    n += 1;
    people.push(person);
    return person;
  };
  const council = Object.fromEntries(COUNCIL_ROLES.map((role) => [role, [add(titleOf(role)).id]]));
  const qaManager = people[0]!;
  const every = (per: number, title: string, managerOf: (i: number) => string | undefined) =>
    Array.from({ length: Math.ceil(size.teams / per) }, (_, i) =>
      add(title, { ...(managerOf(i) ? { managerId: managerOf(i)! } : {}) }),
    );
  const directors = every(
    100,
    "Assistant Director, Children's Social Care",
    () => council["corporate-director"]?.[0],
  );
  const heads = every(50, "Head of Service", (i) => directors[Math.floor(i / 2)]?.id);
  const localities = every(25, "Head of Locality", (i) => heads[Math.floor(i / 2)]?.id);
  const services = every(8, "Service Manager", (i) => localities[Math.floor((i * 8) / 25)]?.id);
  const leads = every(25, "Named Safeguarding Lead", () => undefined);
  const designated = every(25, "Designated Safeguarding Lead", () => undefined);
  const iroManagers = every(80, "IRO Manager", () => qaManager.id);
  const iros = Array.from({ length: Math.max(1, Math.round(size.people / 80)) }, (_, i) =>
    add("Independent Reviewing Officer", {
      roles: ["iro"],
      managerId: iroManagers[i % iroManagers.length]!.id,
    }),
  );
  const teams: Team[] = [];
  const workersLeft = () => size.people - people.length - 2 * (size.teams - teams.length);
  for (let t = 0; t < size.teams; t += 1) {
    const id = `team-${String(t + 1).padStart(3, "0")}`;
    const service = services[Math.floor(t / 8)]!;
    const workers = Math.max(1, Math.floor(workersLeft() / (size.teams - t)));
    const manager = add("Team Manager", { teamId: id, managerId: service.id });
    const deputy = add("Deputy Team Manager", { teamId: id, managerId: manager.id });
    for (let w = 0; w < workers; w += 1) add("Social Worker", { teamId: id, managerId: manager.id });
    teams.push({
      id,
      name: `${["North", "South", "East", "West", "Central"][t % 5]} ${["Children in Care", "Child Protection", "Assessment", "Leaving Care"][Math.floor(t / 5) % 4]} Team ${Math.floor(t / 20) + 1}`,
      roles: {
        "team-manager": [manager.id],
        "deputy-team-manager": [deputy.id],
        "service-manager": [service.id],
        "head-of-locality": [localities[Math.floor(t / 25)]!.id],
        "head-of-service": [heads[Math.floor(t / 50)]!.id],
        "assistant-director": [directors[Math.floor(t / 100)]!.id],
        "named-safeguarding-lead": [leads[Math.floor(t / 25)]!.id],
        "designated-safeguarding-lead": [designated[Math.floor(t / 25)]!.id],
      },
    });
  }
  const data = directorySchema.parse({ people, teams, council });
  const team = teams[Math.floor(teams.length / 2)]!;
  const byId = (id: string | undefined) => people.find((p) => p.id === id)!;
  const iro = iros[0]!;
  return {
    data,
    iro,
    iroManager: byId(iro.managerId),
    team,
    teamManager: byId(team.roles["team-manager"]?.[0]),
    socialWorker: people.find((p) => p.teamId === team.id && p.jobTitle === "Social Worker")!,
    qaManager,
  };
}

function titleOf(role: (typeof COUNCIL_ROLES)[number]): string {
  return role
    .split("-")
    .map((w, i) => (i === 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(" ");
}
