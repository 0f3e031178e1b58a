// Finding people and teams for the forms' pickers. A council's directory has thousands of people, too many
// to list in a card, so each people field is searched as the person types. Each field offers only the
// people who can fill that seat (the social workers of the chosen team, the holders of a stage's role),
// and the index is built once per loaded directory, so a keystroke costs no store query.
import type { DirectoryIndex, Person } from "./directory";
import { handOverCandidates, type HandOverQuery } from "./permissions";
import { answeredStages, type Policy } from "./policy";
import { type Role, roleScope } from "./roles";

/** The pickers: the raise form's people and team, and the hand-over's delegate. */
export type PickerField = "team" | "socialWorker" | "teamManager" | "iroManager" | "responsible" | "delegate";

export interface PickerQuery {
  readonly field: PickerField;
  /** What the person has typed so far. */
  readonly text: string;
  /** Who is searching: their own manager is offered as their manager. */
  readonly searcherId: string;
  /** The team chosen on the form, when the client sends it: the team's people come first, or alone. */
  readonly teamId?: string;
  /** For the hand-over: who may take the stage over. */
  readonly handOver?: HandOverQuery;
  readonly skip?: number;
  readonly top?: number;
}

export interface PickerChoice {
  readonly title: string;
  readonly value: string;
}

/** Teams shows at most 15 choices in a typeahead list. */
export const MAX_PICKER_RESULTS = 15;

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly name: string;
  /** The words of the name, then of the job title and e-mail address, folded for matching. */
  readonly nameWords: readonly string[];
  readonly otherWords: readonly string[];
}

/** The directory's people and teams, ready to be searched by any picker. */
export class PeopleFinder {
  private readonly people: Entry[];
  private readonly byId: Map<string, Entry>;
  private readonly teams: Entry[];
  private readonly holders = new Map<Role, Set<string>>();
  private readonly teamRoleHolders: Set<string>;
  private readonly answering: Set<string>;

  constructor(
    private readonly directory: DirectoryIndex,
    policy: Policy,
  ) {
    this.people = directory.data.people.map(personEntry).sort(byName);
    this.byId = new Map(this.people.map((e) => [e.id, e]));
    this.teams = directory.data.teams.map((t) => entry(t.id, t.name, t.name, [])).sort(byName);
    this.teamRoleHolders = new Set(
      directory.data.teams.flatMap((t) => Object.values(t.roles).flatMap((ids) => ids)),
    );
    this.answering = new Set<string>();
    for (const stage of answeredStages(policy)) {
      if (roleScope(stage.responsibleRole) !== "case")
        for (const id of this.holdersOf(stage.responsibleRole)) this.answering.add(id);
    }
  }

  /** The choices for what has been typed, best first: at most 15, or fewer when asked. */
  find(query: PickerQuery): PickerChoice[] {
    const top = Math.min(MAX_PICKER_RESULTS, Math.max(1, Math.floor(query.top ?? MAX_PICKER_RESULTS)));
    const skip = Math.max(0, Math.floor(query.skip ?? 0));
    const words = wordsOf(query.text);
    const pool = this.pool(query);
    return pool
      .map((e) => ({ e, rank: rank(e, words) }))
      .filter((m) => m.rank >= 0)
      .sort((a, b) => a.rank - b.rank || byName(a.e, b.e))
      .slice(skip, skip + top)
      .map(({ e }) => ({ title: e.title, value: e.id }));
  }

  /** The choice a form shows for a value already chosen, or undefined when the directory has no such id. */
  chosen(field: PickerField, id: string): PickerChoice | undefined {
    const e = field === "team" ? this.teams.find((t) => t.id === id) : this.byId.get(id);
    return e ? { title: e.title, value: e.id } : undefined;
  }

  private pool(query: PickerQuery): readonly Entry[] {
    const { directory } = this;
    const team =
      query.teamId?.trim() && directory.team(query.teamId.trim()) ? query.teamId.trim() : undefined;
    // With a team chosen, only its people; without, everyone who can fill the seat.
    const inTeam = (keep: (e: Entry) => boolean) =>
      team === undefined
        ? this.orEveryone(this.people.filter(keep))
        : this.people.filter((e) => keep(e) && directory.belongsTo(e.id, team));
    switch (query.field) {
      case "team":
        return this.teams;
      case "socialWorker": {
        const workers = new Set([...this.holdersOf("social-worker"), ...this.holdersOf("front-line-worker")]);
        // Social workers carry no team role, so they are the team members who hold none.
        const isWorker = (e: Entry) =>
          workers.has(e.id) ||
          (directory.person(e.id)?.teamId !== undefined && !this.teamRoleHolders.has(e.id));
        return inTeam(isWorker);
      }
      case "teamManager": {
        const managers = this.holdersOf("team-manager");
        return inTeam((e) => managers.has(e.id));
      }
      case "iroManager": {
        const managers = new Set(this.holdersOf("iro-manager"));
        const own = directory.person(query.searcherId)?.managerId;
        if (own !== undefined) managers.add(own);
        return this.orEveryone(this.people.filter((e) => managers.has(e.id)));
      }
      case "responsible":
        return this.orEveryone(this.people.filter((e) => this.answering.has(e.id)));
      case "delegate":
        return query.handOver
          ? handOverCandidates(query.handOver, directory)
              .map((p) => this.byId.get(p.id))
              .filter((e): e is Entry => e !== undefined)
          : [];
    }
  }

  /** A directory that names nobody for a seat offers everyone, rather than an empty list. */
  private orEveryone(found: readonly Entry[]): readonly Entry[] {
    return found.length > 0 ? found : this.people;
  }

  private holdersOf(role: Role): Set<string> {
    let ids = this.holders.get(role);
    if (!ids) {
      ids = new Set([
        ...this.directory.data.people.filter((p) => p.roles.includes(role)).map((p) => p.id),
        ...this.directory.holdersAnywhere(role).map((p) => p.id),
      ]);
      this.holders.set(role, ids);
    }
    return ids;
  }
}

function personEntry(person: Person): Entry {
  const title = person.jobTitle ? `${person.name} (${person.jobTitle})` : person.name;
  const mailbox = person.email?.split("@")[0]?.replace(/[._-]+/g, " ") ?? "";
  return entry(person.id, title, person.name, [person.jobTitle ?? "", mailbox]);
}

function entry(id: string, title: string, name: string, other: readonly string[]): Entry {
  return {
    id,
    title,
    name,
    nameWords: wordsOf(name),
    otherWords: other.flatMap(wordsOf),
  };
}

/**
 * How well the typed words match: 0 when the name starts with them in order, 1 when each starts a word of
 * the name, 2 when each starts a word of the name, job title or mailbox, and -1 for no match. Nothing typed
 * matches everything.
 */
function rank(e: Entry, typed: readonly string[]): number {
  if (typed.length === 0) return 0;
  const startsName = typed.every((w, i) => e.nameWords[i]?.startsWith(w) ?? false);
  if (startsName) return 0;
  const inName = typed.every((w) => e.nameWords.some((n) => n.startsWith(w)));
  if (inName) return 1;
  const anywhere = typed.every((w) => [...e.nameWords, ...e.otherWords].some((n) => n.startsWith(w)));
  return anywhere ? 2 : -1;
}

function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Lower case without accents, so "zoe" finds Zoë and "o'neil" finds O'Neil. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/['\u2019]/g, "")
    .toLowerCase();
}

function byName(a: Entry, b: Entry): number {
  return a.name.localeCompare(b.name);
}
