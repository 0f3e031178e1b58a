// What a card action asks of the directory, at a council's size: who each person on it is (their roles,
// for the permission rule) and, for each card, whether anyone may take the stage over. Baselines, in the same
// run on the same directory: each person's roles found by going through every team, the council and every
// agency, as the directory once did for each question, and the full list of who may take the stage over,
// gathered and sorted, as the card once asked for only to see whether it was empty.
import { type DirectoryData, DirectoryIndex } from "../src/domain/directory";
import { anyHandOverCandidate, handOverCandidates, type HandOverQuery } from "../src/domain/permissions";
import { isRole, type Role } from "../src/domain/roles";
import { councilDirectory } from "../test/builders/council-directory";
import { median } from "./support/stats";

export interface DirectoryConfig {
  readonly people: number;
  readonly teams: number;
  readonly repetitions: number;
  /** Questions in one round of each kind. */
  readonly questions: number;
}

export interface DirectoryTimed {
  /** CPU µs per question, the bot's answer. */
  readonly us: number;
  /** CPU µs per question, the baseline's. */
  readonly baselineUs: number;
}

export interface DirectoryResult {
  readonly people: number;
  readonly teams: number;
  readonly actor: DirectoryTimed;
  readonly handOver: DirectoryTimed & { readonly candidates: number };
}

/** Each role the person holds, found by going through the whole directory for this one question. */
function rolesByGoingThrough(data: DirectoryData, id: string): Role[] {
  const roles = new Set<Role>(data.people.find((p) => p.id === id)?.roles ?? []);
  const look = (held: Partial<Record<string, readonly string[]>>) => {
    for (const [r, ids] of Object.entries(held)) if (isRole(r) && ids?.includes(id)) roles.add(r);
  };
  for (const team of data.teams) look(team.roles);
  look(data.council);
  for (const agency of data.agencies) look(agency.roles);
  return [...roles];
}

function cpuUsPer(count: number, ask: (n: number) => unknown): number {
  const started = process.cpuUsage();
  for (let n = 0; n < count; n++) ask(n);
  const spent = process.cpuUsage(started);
  return (spent.user + spent.system) / count;
}

export function runDirectory(config: DirectoryConfig, progress: (line: string) => void): DirectoryResult {
  progress(`directory: ${config.people} people in ${config.teams} teams`);
  const council = councilDirectory({ people: config.people, teams: config.teams });
  const directory = new DirectoryIndex(council.data);
  const ids = council.data.people.map((p) => p.id);
  const someone = (n: number) => ids[(n * 7919) % ids.length] ?? "";
  const query: HandOverQuery = {
    teamId: council.team.id,
    reportsOf: [council.teamManager.id],
    role: "team-manager",
    excluded: [council.iro.id, council.socialWorker.id, council.teamManager.id],
  };
  const rounds = (bot: (n: number) => unknown, baseline: (n: number) => unknown): DirectoryTimed => {
    // Warm-up: the code compiled, the directory's look-ups made.
    cpuUsPer(config.questions, bot);
    cpuUsPer(Math.ceil(config.questions / 100), baseline);
    const us: number[] = [];
    const baselineUs: number[] = [];
    for (let r = 0; r < config.repetitions; r++) {
      us.push(cpuUsPer(config.questions, bot));
      baselineUs.push(cpuUsPer(Math.ceil(config.questions / 100), baseline));
    }
    return { us: median(us), baselineUs: median(baselineUs) };
  };
  const actor = rounds(
    (n) => directory.actor(someone(n)),
    (n) => rolesByGoingThrough(council.data, someone(n)),
  );
  const handOver = rounds(
    () => anyHandOverCandidate(query, directory),
    () => handOverCandidates(query, directory).length > 0,
  );
  return {
    people: config.people,
    teams: config.teams,
    actor,
    handOver: { ...handOver, candidates: handOverCandidates(query, directory).length },
  };
}
