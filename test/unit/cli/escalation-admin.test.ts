// The administrator's command-line tool: `policy list`, `policy check` and `deadline`, run in-process with a
// captured stdout and stderr, and the real `bin/escalation-admin.js` run as a child process.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { EXIT, type Io, main } from "../../../src/cli/escalation-admin";

const ROOT = path.resolve(__dirname, "../../..");
const FIXTURES = path.join(ROOT, "test/fixtures/policies");
const POLICY_IDS = ["dorset-qaro", "escalation-of-concern", "multi-agency", "professional-challenge"];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface DeadlineJson {
  policy: string;
  stage: string;
  stageName: string;
  received: string;
  countedFrom: string;
  deferred?: string;
  workingDays: number;
  due: string;
  dueBy: string;
  region: string;
  closureDays: string[];
  rule: string;
}

async function deadline(...args: string[]): Promise<DeadlineJson> {
  const result = await run("deadline", ...args, "--json");
  expect(result).toMatchObject({ code: EXIT.ok, stderr: "" });
  return JSON.parse(result.stdout) as DeadlineJson;
}

/** A command line refused as wrong: exit 2, nothing on stdout, the reason on stderr. */
async function refused(...argv: string[]): Promise<string> {
  const result = await run(...argv);
  expect(result.code).toBe(EXIT.usage);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^escalation-admin: /);
  return result.stderr.split("\n")[0] ?? "";
}

describe("policy list", () => {
  it("lists the four shipped policies with their ladders and formal totals", async () => {
    const { code, stdout, stderr } = await run("policy", "list");
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe("");
    const rows = stdout.trimEnd().split("\n").slice(2);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(POLICY_IDS);
    expect(stdout).toMatch(/dorset-qaro .*informal → stage-1 → stage-2 → stage-3 → stage-4 → cafcass\s+20$/m);
    expect(stdout).toMatch(/escalation-of-concern .*stage-1 → stage-2 → stage-3 → stage-4 → cafcass\s+22$/m);
    expect(stdout).toMatch(/multi-agency .*stage-1 → stage-2 → stage-3 → stage-4 → stage-5\s+0$/m);
  });
});

describe("policy check", () => {
  it.each([
    [
      "dorset-qaro",
      20,
      ["Level 1", "Level 4", "Level 5: Referral to CAF/CASS", "according to the child's needs"],
    ],
    [
      "professional-challenge",
      20,
      ["1 working day (informal)", "5 working days (20 from the start, counted from it)"],
    ],
    [
      "multi-agency",
      0,
      [
        "Stage 5: Escalate to Safeguarding Partner Executive",
        "Independent Scrutineer (the decision)",
        "Service Manager or Named Safeguarding Lead",
        "Safeguarding Partnership (the form)",
        "No total for the formal process is set: the QA Manager is not warned of one.",
      ],
    ],
  ])("accepts policies/%s.json and prints its ladder and total", async (id, total, texts) => {
    const { code, stdout, stderr } = await run("policy", "check", `policies/${id}.json`);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe("");
    for (const text of texts) expect(stdout).toContain(text);
    expect(stdout).toContain(`Formal stages total ${total} working days.\n`);
    const warnings = stdout.split("\n").filter((line) => line.startsWith("warning"));
    if (id === "dorset-qaro") {
      // Dorset's process asks for the child's name in the subject: the check says so, and where it asks.
      expect(warnings).toEqual([
        expect.stringContaining(
          'warning: the e-mail subject "Action - {stage} escalation - {child} - {caseId} - {due}" names the child',
        ),
      ]);
      expect(warnings[0]).toContain("pop-up");
      expect(warnings[0]).toContain(
        'The QARO IRO Resolution/Escalation Process (12/01/2021), Level 1: "Subject box states: Action - Level 1(or 2) escalation',
      );
    } else {
      expect(warnings).toEqual([]);
    }
    expect(stdout.endsWith("ok\n")).toBe(true);
  });

  it("warns of no child in the subject for the policies whose subject names only the reference and stage", async () => {
    for (const id of ["escalation-of-concern", "multi-agency", "professional-challenge"]) {
      const { stdout } = await run("policy", "check", `policies/${id}.json`);
      expect(stdout).not.toContain("names the child");
    }
  });

  it("accepts escalation-of-concern with a warning that its formal stages total 22 working days", async () => {
    const { code, stdout, stderr } = await run("policy", "check", "policies/escalation-of-concern.json");
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^stage-4 +Stage 4 +Chief Executive +Elected Member +7 working days$/m);
    expect(stdout).toMatch(
      /^cafcass +CAFCASS +\(referral by the IRO\) +Local Authority Nominated Officer +CIC only$/m,
    );
    expect(stdout).toContain("Formal stages total 22 working days.\n");
    expect(stdout).toContain(
      "warning: the formal stages total 22 working days, more than the 20 working days of the IRO Handbook (6.2)\n",
    );
    expect(stdout.endsWith("ok\n")).toBe(true);
  });

  it("refuses a broken file with exit 1, naming all three of its problems where they are", async () => {
    const file = path.join(FIXTURES, "three-problems.json");
    const { code, stdout, stderr } = await run("policy", "check", file);
    expect(code).toBe(EXIT.invalidFile);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toEqual([
      `${file}: 3 problems`,
      '  stages[1].responsibleRole: unknown role "chief-wizard"',
      "  stages[3].timescale.workingDays: must not be negative",
      '  stages[2].id: duplicate stage id "stage-1" (also stages[1])',
      "",
    ]);
  });

  it("says what is wrong with a stage of no known shape", async () => {
    const { code, stderr } = await run("policy", "check", path.join(FIXTURES, "stage-shape.json"));
    expect(code).toBe(EXIT.invalidFile);
    expect(stderr).toContain("  stages[2].name: missing: must be text\n");
    expect(stderr).toContain(
      '  stages[2].timescale.kind: must be "working-days" or "child-need", not "weeks"\n',
    );
    expect(stderr).toContain('  stages[5].responsibleRole: unknown key "responsibleRole"\n');
    expect(stderr).not.toMatch(/invalid input/i);
  });

  it("refuses a file that is not there with exit 1", async () => {
    const { code, stderr } = await run("policy", "check", "policies/no-such-policy.json");
    expect(code).toBe(EXIT.invalidFile);
    expect(stderr).toBe("policies/no-such-policy.json: 1 problem\n  (file): cannot read the file (ENOENT)\n");
  });

  it("takes exactly one file", async () => {
    expect(await refused("policy", "check")).toBe("escalation-admin: policy check takes one file");
    expect(await refused("policy", "check", "a.json", "b.json")).toBe(
      "escalation-admin: policy check takes one file",
    );
  });
});

describe("deadline", () => {
  it("counts 5 working days over Christmas in England and Wales", async () => {
    const result = await deadline(
      "--policy",
      "dorset-qaro",
      "--stage",
      "stage-1",
      "--received",
      "2026-12-23T10:00",
    );
    expect(result).toMatchObject({
      policy: "dorset-qaro",
      stage: "stage-1",
      stageName: "Level 1",
      received: "2026-12-23T10:00:00.000Z",
      countedFrom: "2026-12-23",
      workingDays: 5,
      // 24 Dec (1); 25 Dec, 28 Dec (Boxing Day substitute) off; 29 (2), 30 (3), 31 (4); 1 Jan off; 4 Jan (5).
      due: "2027-01-04",
      dueBy: "2027-01-05T00:00:00.000Z",
      region: "england-and-wales",
      closureDays: [],
    });
    expect(result.deferred).toBeUndefined();
    expect(result.rule).toBe(
      "Within 5 working days: by the end of Monday 4 January 2027. Day 0 is Wednesday 23 December 2026, the day the concern was received; weekends, England and Wales bank holidays and council closure days are not counted.",
    );
  });

  it("counts from the next working day a concern received after the 17:00 cut-off (GMT)", async () => {
    const result = await deadline(
      ...["--policy", "dorset-qaro", "--stage", "stage-1", "--received", "2026-11-20T17:30:00Z"],
    );
    expect(result).toMatchObject({
      received: "2026-11-20T17:30:00.000Z",
      countedFrom: "2026-11-23",
      deferred: "after-cut-off",
      due: "2026-11-30",
    });
    expect(result.rule).toContain("Received at 17:30 on Friday 20 November 2026, after the 17:00 cut-off");
  });

  it("applies the cut-off in London time in summer, and a council's own cut-off", async () => {
    // 16:30 UTC is 17:30 British Summer Time.
    const summer = [
      "--policy",
      "escalation-of-concern",
      "--stage",
      "stage-4",
      "--received",
      "2026-07-01T16:30:00Z",
    ];
    expect(await deadline(...summer)).toMatchObject({
      countedFrom: "2026-07-02",
      deferred: "after-cut-off",
      workingDays: 7,
      due: "2026-07-13",
    });
    expect(await deadline(...summer, "--cut-off", "18:00")).toMatchObject({
      countedFrom: "2026-07-01",
      workingDays: 7,
      due: "2026-07-10",
    });
  });

  it("counts from the Monday a concern received on a Saturday", async () => {
    const result = await deadline(
      ...["--policy", "professional-challenge", "--stage", "stage-1", "--received", "2026-11-21T10:00"],
    );
    expect(result).toMatchObject({
      countedFrom: "2026-11-23",
      deferred: "non-working-day",
      workingDays: 5,
      due: "2026-11-30",
    });
    expect(result.rule).toContain("Received on Saturday 21 November 2026, which is not a working day");
  });

  it("counts a Professional Challenge stage from the start of the challenge, given --started", async () => {
    const result = await deadline(
      ...["--policy", "professional-challenge", "--stage", "stage-3"],
      ...["--received", "2026-11-30T09:00", "--started", "2026-11-23T09:30"],
    );
    // 15 working days from Monday 23 November; its own 5 from 30 November would end on 7 December.
    expect(result).toMatchObject({ countedFrom: "2026-11-30", due: "2026-12-14" });
    expect(result.rule).toMatch(/^Counted from the start of the challenge\./);
    expect(result.rule).toContain(
      "15 working days from the start of the challenge on Monday 23 November 2026",
    );
  });

  it("gives a stage received after its cumulative date its own timescale, and says so, over Christmas", async () => {
    const result = await deadline(
      ...["--policy", "professional-challenge", "--stage", "stage-3"],
      ...["--received", "2026-12-21T09:00", "--started", "2026-11-23T09:30"],
    );
    // Own 5 working days from Monday 21 December: 22, 23, 24, 29, 30 (Christmas and Boxing Day off).
    expect(result).toMatchObject({ due: "2026-12-30" });
    expect(result.rule).toContain("ended on Monday 14 December 2026, before this stage was received");
  });

  it("asks for --started for a stage counted from the start of the challenge, and has help of its own", async () => {
    expect(
      await refused(
        ...["deadline", "--policy", "professional-challenge", "--stage", "stage-2"],
        ...["--received", "2026-11-30T09:00"],
      ),
    ).toBe(
      "escalation-admin: Stage 2 of professional-challenge is counted from the start of the challenge: give --started <when the first formal stage was received>",
    );
    expect(
      await refused(
        ...["deadline", "--policy", "professional-challenge", "--stage", "stage-2"],
        ...["--received", "2026-11-30T09:00", "--started", "2026-12-01T09:00"],
      ),
    ).toBe(
      "escalation-admin: --started must be on or before --received: the challenge starts with its first stage",
    );
    const help = await run("deadline", "--help");
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toContain("--started <ISO-8601 date-time>");
  });

  it("skips the council's closure days", async () => {
    const args = ["--policy", "dorset-qaro", "--stage", "stage-2", "--received", "2026-11-20T10:00"];
    expect(await deadline(...args)).toMatchObject({ countedFrom: "2026-11-20", due: "2026-11-27" });
    const closed = await deadline(...args, "--closure-days", "2026-11-23, 2026-11-24");
    expect(closed).toMatchObject({
      countedFrom: "2026-11-20",
      due: "2026-12-01",
      closureDays: ["2026-11-23", "2026-11-24"],
    });
  });

  it("uses Scotland's bank holidays, where 4 January 2027 is the substitute for 2 January", async () => {
    // 24 Dec (1); 25 Dec and 28 Dec off; 29 (2), 30 (3), 31 (4); 1 Jan and 4 Jan off; 5 Jan (5).
    const result = await deadline(
      ...[
        "--policy",
        "dorset-qaro",
        "--stage",
        "stage-1",
        "--received",
        "2026-12-23T10:00",
        "--region",
        "scotland",
      ],
    );
    expect(result).toMatchObject({ region: "scotland", countedFrom: "2026-12-23", due: "2027-01-05" });
    expect(result.rule).toContain("Scotland bank holidays");
  });

  it("prints the due day and the rule as text without --json", async () => {
    const { code, stdout } = await run(
      ...["deadline", "--policy", "dorset-qaro", "--stage", "stage-1", "--received", "2026-12-23T10:00"],
    );
    expect(code).toBe(EXIT.ok);
    expect(stdout.split("\n")).toEqual([
      "Dorset QARO Resolution/Escalation Process, Level 1: due by the end of Monday 4 January 2027",
      expect.stringMatching(/^Within 5 working days: by the end of Monday 4 January 2027\. Day 0 is /),
      "(England and Wales bank holidays)",
      "",
    ]);
  });

  it("needs the IRO's --working-days for a stage timed by the child's needs", async () => {
    const args = ["--policy", "dorset-qaro", "--stage", "informal", "--received", "2026-12-23T10:00"];
    expect(await refused("deadline", ...args)).toBe(
      "escalation-admin: Informal of dorset-qaro is timed according to the child's needs: give --working-days N (the IRO's timescale)",
    );
    expect(await deadline(...args, "--working-days", "3")).toMatchObject({
      stage: "informal",
      workingDays: 3,
      countedFrom: "2026-12-23",
      due: "2026-12-30",
    });
    expect(
      await refused(
        ...["deadline", "--policy", "multi-agency", "--stage", "stage-3", "--received", "2026-12-23T10:00"],
      ),
    ).toMatch(/is timed according to the child's needs: give --working-days N/);
    expect(await refused("deadline", ...args, "--working-days", "three")).toBe(
      'escalation-admin: --working-days must be a whole number of days, not "three"',
    );
  });

  it("refuses an unknown policy, stage or region, and a malformed date", async () => {
    const at = ["--received", "2026-12-23T10:00"];
    expect(await refused("deadline", "--policy", "devon", "--stage", "stage-1", ...at)).toBe(
      'escalation-admin: unknown policy "devon"; known: dorset-qaro, escalation-of-concern, multi-agency, professional-challenge',
    );
    expect(await refused("deadline", "--policy", "dorset-qaro", "--stage", "level-1", ...at)).toBe(
      'escalation-admin: unknown stage "level-1" in dorset-qaro; its stages are informal, stage-1, stage-2, stage-3, stage-4, cafcass',
    );
    expect(
      await refused("deadline", "--policy", "dorset-qaro", "--stage", "stage-1", ...at, "--region", "wales"),
    ).toBe(
      'escalation-admin: unknown region "wales"; use one of england-and-wales, scotland, northern-ireland',
    );
    const stage1 = ["deadline", "--policy", "dorset-qaro", "--stage", "stage-1"];
    expect(await refused(...stage1, "--received", "23/12/2026")).toMatch(
      /--received "23\/12\/2026" is not an ISO-8601 date-time/,
    );
    expect(await refused(...stage1, "--received", "2026-02-30T10:00")).toMatch(
      /--received "2026-02-30T10:00" is not a valid date-time/,
    );
    expect(await refused(...stage1, ...at, "--closure-days", "2026-12-32")).toBe(
      'escalation-admin: closure day "2026-12-32" is not a date (YYYY-MM-DD)',
    );
    expect(await refused(...stage1, ...at, "--cut-off", "5pm")).toMatch(
      /cut-off time must be a 24-hour time/,
    );
    expect(await refused(...stage1)).toBe("escalation-admin: --received is required");
    expect(await refused("deadline", "--stage", "stage-1", ...at)).toBe(
      "escalation-admin: --policy is required",
    );
    expect(await refused(...stage1, ...at, "--colour", "blue")).toMatch(/--colour/);
  });

  it("refuses the Cafcass stage: it is a referral, with no response due", async () => {
    expect(
      await refused(
        "deadline",
        "--policy",
        "dorset-qaro",
        "--stage",
        "cafcass",
        "--received",
        "2026-12-23T10:00",
      ),
    ).toBe("escalation-admin: Level 5: Referral to CAF/CASS is a referral, not a stage with a response due");
  });
});

describe("usage", () => {
  it("prints the usage for help, and refuses no command or an unknown one", async () => {
    const help = await run("help");
    expect(help.code).toBe(EXIT.ok);
    expect(help.stdout).toMatch(/^Usage: escalation-admin <command>/);
    expect((await run()).code).toBe(EXIT.usage);
    expect(await refused("policy", "remove")).toBe('escalation-admin: unknown command "policy remove"');
  });
});

describe("bin/escalation-admin.js", () => {
  const bin = path.join(ROOT, "bin/escalation-admin.js");
  const compiled = path.join(ROOT, "dist/src/cli/escalation-admin.js");

  function newestSource(dir: string): number {
    let newest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(file).mtimeMs);
    }
    return newest;
  }

  beforeAll(() => {
    if (existsSync(compiled) && statSync(compiled).mtimeMs >= newestSource(path.join(ROOT, "src"))) return;
    // tsc emits even when some other file has a type error; what matters here is a fresh compiled CLI.
    const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
    if (!existsSync(compiled)) {
      throw new Error(`npm run build did not produce ${compiled}:\n${build.stdout}\n${build.stderr}`);
    }
  }, 180_000);

  function admin(args: readonly string[], cwd = ROOT) {
    return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
  }

  it("lists the shipped policies, from any working directory", () => {
    const result = admin(["policy", "list"], tmpdir());
    expect(result.stderr).toBe("");
    expect(result.status).toBe(EXIT.ok);
    for (const id of POLICY_IDS) expect(result.stdout).toMatch(new RegExp(`^${id} `, "m"));
  });

  it("exits 0 on a good policy file and 1 on the broken fixture", () => {
    const good = admin(["policy", "check", "policies/escalation-of-concern.json"]);
    expect(good.status).toBe(EXIT.ok);
    expect(good.stdout).toContain("warning: the formal stages total 22 working days");
    const broken = admin(["policy", "check", "test/fixtures/policies/three-problems.json"]);
    expect(broken.status).toBe(EXIT.invalidFile);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toContain("stages[1].responsibleRole");
    expect(broken.stderr).toContain("stages[2].id");
    expect(broken.stderr).toContain("stages[3].timescale.workingDays");
  });

  it("prints a deadline as JSON, and exits 2 on a command it cannot run", () => {
    const result = admin(
      ...[
        [
          "deadline",
          "--policy",
          "dorset-qaro",
          "--stage",
          "stage-1",
          "--received",
          "2026-12-23T10:00",
          "--json",
        ],
      ],
    );
    expect(result.status).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({
      countedFrom: "2026-12-23",
      workingDays: 5,
      due: "2027-01-04",
    });
    const wrong = admin([
      "deadline",
      "--policy",
      "nope",
      "--stage",
      "stage-1",
      "--received",
      "2026-12-23T10:00",
    ]);
    expect(wrong.status).toBe(EXIT.usage);
    expect(wrong.stderr).toMatch(/^escalation-admin: unknown policy "nope"/);
  });
});
