// The administrator's command-line tool: checks a council's policy files, works out deadlines the way the bot
// does, and (with the directory commands) checks and imports the council's people and teams.
import { writeFileSync } from "node:fs";
import { parseArgs, type ParseArgsConfig } from "node:util";

import { DateTime } from "luxon";

import { cosmosAuth, createCosmosClient } from "../adapters/cosmos/client";
import { DIRECTORY, ESCALATIONS } from "../adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../adapters/cosmos/cosmos-directory-store";
import { CosmosEscalationStore } from "../adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../adapters/cosmos/provision";
import { checkDirectoryFile } from "../adapters/directory-files";
import { checkPolicyFile, loadPolicies, type PolicyFileCheck } from "../adapters/policies/policy-files";
import { recordPdf } from "../adapters/record/record-pdf";
import { REPORT_FORMATS, reportFile, type ReportFormat } from "../adapters/report/report-files";
import { reportFor } from "../application/period-report";
import {
  ConfigError,
  cosmosSettingsSchema,
  councilSettingsSchema,
  isLocalEndpoint,
  parseSettings,
  UNNAMED_COUNCIL,
} from "../config";
import {
  CalendarError,
  createCalendar,
  formatDay,
  isLocalDate,
  isRegion,
  LONDON,
  type Region,
  REGION_NAMES,
  REGIONS,
} from "../domain/calendar";
import { parsePeriod, periodBetween } from "../domain/periods";
import {
  answeringRoles,
  findStage,
  formalTotalWorkingDays,
  isAnswered,
  isFormal,
  type Policy,
  type PolicyStage,
} from "../domain/policy";
import type { Logger } from "../domain/ports";
import { roleLabel } from "../domain/roles";
import { policyDeadline } from "../domain/transitions/deadlines";

export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** Exit codes: 0 done, 1 the file checked has problems, 2 the command itself is wrong, 3 the store failed. */
export const EXIT = { ok: 0, invalidFile: 1, usage: 2, failed: 3 } as const;

class UsageError extends Error {}

const DEADLINE_LINES = `  deadline --policy <id> --stage <stage-id> --received <ISO-8601 date-time>
           [--started <ISO-8601 date-time>] [--region ${REGIONS.join("|")}]
           [--closure-days YYYY-MM-DD,YYYY-MM-DD...] [--cut-off HH:mm]
           [--working-days N] [--json]
                                      the due date of a stage for a concern received then; --started is
                                      when the challenge started (its first formal stage was received),
                                      for a stage the policy counts from the start (Professional Challenge)`;

const DEADLINE_USAGE = `Usage: escalation-admin deadline --policy <id> --stage <stage-id> --received <when>

${DEADLINE_LINES}

  A date-time without an offset is London time. Example:
    escalation-admin deadline --policy professional-challenge --stage stage-3 \\
      --received 2026-11-30T09:00 --started 2026-11-23T09:30 --json
`;

const USAGE = `Usage: escalation-admin <command>

  policy list                         the policies shipped with the bot
  policy check <file>                 check a policy file and print its ladder
${DEADLINE_LINES}
  directory check <file> [--policy <id>]
                                      check a directory file (JSON or CSV) against a policy
  directory import <file> [--policy <id>] [--dry-run]
                                      check it, then make the stored directory exactly the file
  record <ESC-reference or id> --out <file.pdf>
                                      write the escalation's record for the child's file (PDF)
  report --from YYYY-MM-DD --to YYYY-MM-DD --format xlsx|csv|json --out <file>
  report --period 2026-Q3|2026-27 --format xlsx|csv|json --out <file>
                                      the QA Manager's figures for a period, both days included
  (record and report count working days by CALENDAR_REGION, CLOSURE_DAYS and RECEIPT_CUT_OFF, and
   report is headed with COUNCIL_NAME, as the bot does)
  (directory import, record and report use Cosmos DB from COSMOS_ENDPOINT, COSMOS_DATABASE and COSMOS_KEY;
   with no key: MANAGED_IDENTITY_CLIENT_ID, or your az login)
`;

export async function main(
  argv: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  try {
    if (argv[0] === "directory" && (argv[1] === "check" || argv[1] === "import")) {
      return await directoryCommand(argv[1], argv.slice(2), io, env);
    }
    const [group, command, ...rest] = argv;
    if (group === "policy" && command === "list") return policyList(io);
    if (group === "policy" && command === "check") return policyCheck(rest, io);
    if (group === "deadline") return deadline(argv.slice(1), io);
    if (group === "record") return await recordCommand(argv.slice(1), io, env);
    if (group === "report") return await reportCommand(argv.slice(1), io, env);
    if (group === undefined || group === "help" || group === "--help" || group === "-h") {
      io.stdout.write(USAGE);
      return group === undefined ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(`unknown command "${argv.join(" ")}"`);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CalendarError || error instanceof ConfigError) {
      io.stderr.write(`escalation-admin: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

async function directoryCommand(
  command: "check" | "import",
  args: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const parsed = readArgs(args, {
    options: { policy: { type: "string" }, "dry-run": { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(`directory ${command} takes one file`);
  const policyId = parsed.values.policy ?? env["POLICY"] ?? "dorset-qaro";
  const policies = loadPolicies();
  const policy = policies.get(policyId);
  if (!policy)
    throw new UsageError(`unknown policy "${policyId}"; known: ${[...policies.keys()].join(", ")}`);
  const check = checkDirectoryFile(file, policy);
  if (!check.ok) {
    io.stderr.write(
      `${file}: ${check.problems.length} problem${check.problems.length === 1 ? "" : "s"} (checked against ${policy.id})\n`,
    );
    for (const problem of check.problems) io.stderr.write(`  ${problem.where}: ${problem.message}\n`);
    if (command === "import") io.stderr.write("Nothing was imported.\n");
    return EXIT.invalidFile;
  }
  const { directory } = check;
  io.stdout.write(
    `${file}: ${directory.people.length} people, ${directory.teams.length} teams, ${
      directory.agencies.length > 0 ? `${directory.agencies.length} agencies, ` : ""
    }${Object.keys(directory.council).length} council roles; fit for ${policy.id}\n`,
  );
  const emailOnly = directory.people.filter((person) => person.teamsAccount === false);
  if (emailOnly.length > 0) {
    io.stdout.write(
      `${emailOnly.length} ${emailOnly.length === 1 ? "person is" : "people are"} reached by e-mail only (no Teams account):\n`,
    );
    for (const person of emailOnly)
      io.stdout.write(
        `  ${person.id}  ${person.name}${person.organisation ? `, ${person.organisation}` : ""}  <${person.email ?? ""}>\n`,
      );
  }
  if (command === "check") return EXIT.ok;
  if (parsed.values["dry-run"]) {
    io.stdout.write("Dry run: nothing was imported.\n");
    return EXIT.ok;
  }
  const { settings, client } = openCosmos(env, "where should the directory go?");
  try {
    const database = await ensureContainers(client, settings.COSMOS_DATABASE);
    const store = new CosmosDirectoryStore(database.container(DIRECTORY.id), silentLogger);
    const result = await store.replaceAll(directory);
    io.stdout.write(
      `Imported into ${settings.COSMOS_DATABASE}: ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(
      `escalation-admin: the import into ${settings.COSMOS_DATABASE} failed: ${error instanceof Error ? error.message : String(error)}\n` +
        "The stored directory may be partly updated; run the import again.\n",
    );
    return EXIT.failed;
  } finally {
    client.dispose();
  }
}

/** The command's arguments, read strictly; arguments it cannot read are a usage error. */
function readArgs<
  const C extends { options: NonNullable<ParseArgsConfig["options"]>; allowPositionals: boolean },
>(args: readonly string[], config: C) {
  try {
    return parseArgs({ ...config, args: [...args], strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function openCosmos(env: Readonly<Record<string, string | undefined>>, why: string) {
  const settings = parseSettings(cosmosSettingsSchema, env);
  if (!settings.COSMOS_ENDPOINT) throw new UsageError(`COSMOS_ENDPOINT is not set: ${why}`);
  const client = createCosmosClient({
    endpoint: settings.COSMOS_ENDPOINT,
    ...cosmosAuth(settings.COSMOS_ENDPOINT, settings.COSMOS_KEY, settings.MANAGED_IDENTITY_CLIENT_ID),
    allowSelfSignedCertificate: isLocalEndpoint(settings.COSMOS_ENDPOINT),
  });
  return { settings, client };
}

/** `record ESC-… --out FILE`: the escalation's record for the child's file, as the bot makes it. */
async function recordCommand(
  args: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const parsed = readArgs(args, {
    options: { out: { type: "string" } },
    allowPositionals: true,
  });
  const [wanted, ...extra] = parsed.positionals;
  const out = parsed.values.out;
  if (!wanted || extra.length > 0 || !out)
    throw new UsageError("record takes one escalation (ESC-… or its id) and --out <file.pdf>");
  const prefix = /^ESC-([0-9A-Z]{8})$/i.exec(wanted.trim())?.[1]?.toLowerCase();
  const { settings, client } = openCosmos(env, "where are the escalations?");
  try {
    const database = await ensureContainers(client, settings.COSMOS_DATABASE);
    const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), silentLogger);
    const ids = prefix ? await store.idsStartingWith(prefix, 10) : [wanted.trim()];
    if (prefix && ids.length > 1) {
      io.stderr.write(
        `${wanted} names ${ids.length} escalations; give the full id of one:\n${ids.map((id) => `  ${id}\n`).join("")}`,
      );
      return EXIT.usage;
    }
    const stored = ids[0] ? await store.get(ids[0]) : undefined;
    if (!stored) {
      io.stderr.write(`escalation-admin: no escalation ${wanted} in ${settings.COSMOS_DATABASE}\n`);
      return EXIT.invalidFile;
    }
    const policy = loadPolicies().get(stored.value.policyId);
    if (!policy) {
      io.stderr.write(
        `escalation-admin: the escalation's policy "${stored.value.policyId}" is not shipped\n`,
      );
      return EXIT.failed;
    }
    const record = await recordPdf(stored.value, policy, councilOf(env).calendar, new Date());
    writeFileSync(out, record.bytes);
    io.stdout.write(
      `Wrote ${out} (${record.bytes.length.toLocaleString("en-GB")} bytes); the policy names it ${record.fileName}.\n`,
    );
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(
      `escalation-admin: the record could not be made: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.failed;
  } finally {
    client.dispose();
  }
}

/** The council's name and working-day calendar, from the same settings the bot reads. */
function councilOf(env: Readonly<Record<string, string | undefined>>) {
  const s = parseSettings(councilSettingsSchema, env);
  return {
    name: s.COUNCIL_NAME ?? UNNAMED_COUNCIL,
    calendar: createCalendar({
      region: s.CALENDAR_REGION as Region,
      closureDays: s.CLOSURE_DAYS,
      cutOff: s.RECEIPT_CUT_OFF,
    }),
  };
}

/** `report --from … --to … --format … --out FILE`: the period report, as the bot gives it in Teams. */
async function reportCommand(
  args: readonly string[],
  io: Io,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const parsed = readArgs(args, {
    options: {
      from: { type: "string" },
      to: { type: "string" },
      period: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    },
    allowPositionals: false,
  });
  const { from, to, period: named, format, out } = parsed.values;
  if (!out) throw new UsageError("report needs --out <file>");
  if (!isReportFormat(format))
    throw new UsageError(`report needs --format ${REPORT_FORMATS.join(", ")}; got ${format ?? "none"}`);
  if (named !== undefined && (from !== undefined || to !== undefined))
    throw new UsageError("report takes --period, or --from and --to, not both");
  if (named === undefined && (from === undefined || to === undefined))
    throw new UsageError("report needs --from and --to (the first and last day), or --period");
  const period = named !== undefined ? parsePeriod(named) : periodBetween(from ?? "", to ?? "");
  if (!period.ok) throw new UsageError(period.problem);
  const council = councilOf(env);
  const { settings, client } = openCosmos(env, "where are the escalations?");
  try {
    const database = await ensureContainers(client, settings.COSMOS_DATABASE);
    const store = new CosmosEscalationStore(database.container(ESCALATIONS.id), silentLogger);
    const report = await reportFor(
      { store, policies: loadPolicies(), calendar: council.calendar, logger: silentLogger },
      period.period,
    );
    const bytes = await reportFile(
      report,
      { council: council.name, madeAt: new Date().toISOString() },
      format,
    );
    writeFileSync(out, bytes);
    io.stdout.write(
      `Wrote ${out}: ${period.period.label}; ${report.raised.total} raised, ${report.concluded.total} concluded, ` +
        `${report.atPeriodEnd.open} open at the end.\n`,
    );
    if (report.unreadable > 0)
      io.stderr.write(
        `escalation-admin: ${report.unreadable} records could not be read and are left out; their ids are in the bot's log\n`,
      );
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(
      `escalation-admin: the report could not be made: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT.failed;
  } finally {
    client.dispose();
  }
}

function isReportFormat(format: string | undefined): format is ReportFormat {
  return (REPORT_FORMATS as readonly (string | undefined)[]).includes(format);
}

const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function policyList(io: Io): number {
  const policies = [...loadPolicies().values()];
  const rows = policies.map((p) => [p.id, p.name, ladderSummary(p), `${formalTotalWorkingDays(p)}`]);
  io.stdout.write(table(["id", "name", "stages", "formal total (working days)"], rows));
  return EXIT.ok;
}

function policyCheck(args: readonly string[], io: Io): number {
  const [file, ...extra] = args;
  if (!file || extra.length > 0) throw new UsageError("policy check takes one file");
  const check: PolicyFileCheck = checkPolicyFile(file);
  if (!check.ok) {
    io.stderr.write(`${file}: ${check.problems.length} problem${check.problems.length === 1 ? "" : "s"}\n`);
    for (const problem of check.problems) io.stderr.write(`  ${problem.path}: ${problem.message}\n`);
    return EXIT.invalidFile;
  }
  const { policy, warnings } = check;
  io.stdout.write(`${policy.name} (${policy.id})\n\n`);
  io.stdout.write(
    table(
      ["stage", "name", "responsible", "copied", "timescale"],
      policy.stages.map((s) => [s.id, s.name, responsibleOf(s), copiedOf(s), timescaleOf(s)]),
    ),
  );
  io.stdout.write(`\nFormal stages total ${formalTotalWorkingDays(policy)} working days.\n`);
  const limit = policy.reminders.formalTotalWorkingDays;
  io.stdout.write(
    limit === undefined
      ? "No total for the formal process is set: the QA Manager is not warned of one.\n"
      : `The QA Manager is warned when the formal process passes ${limit} working days.\n`,
  );
  for (const warning of warnings) io.stdout.write(`warning: ${warning}\n`);
  io.stdout.write("ok\n");
  return EXIT.ok;
}

function deadline(args: readonly string[], io: Io): number {
  const { values } = readArgs(args, {
    options: {
      policy: { type: "string" },
      stage: { type: "string" },
      received: { type: "string" },
      region: { type: "string", default: "england-and-wales" },
      "closure-days": { type: "string", default: "" },
      "cut-off": { type: "string" },
      "working-days": { type: "string" },
      started: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    io.stdout.write(DEADLINE_USAGE);
    return EXIT.ok;
  }
  if (!values.policy) throw new UsageError("--policy is required");
  if (!values.stage) throw new UsageError("--stage is required");
  if (!values.received) throw new UsageError("--received is required");
  const policies = loadPolicies();
  const policy = policies.get(values.policy);
  if (!policy)
    throw new UsageError(`unknown policy "${values.policy}"; known: ${[...policies.keys()].join(", ")}`);
  const stage = findStage(policy, values.stage);
  if (!stage) {
    throw new UsageError(
      `unknown stage "${values.stage}" in ${policy.id}; its stages are ${policy.stages.map((s) => s.id).join(", ")}`,
    );
  }
  if (!isAnswered(stage))
    throw new UsageError(`${stage.name} is a referral, not a stage with a response due`);
  if (!isRegion(values.region)) {
    throw new UsageError(`unknown region "${values.region}"; use one of ${REGIONS.join(", ")}`);
  }
  const closureDays = values["closure-days"]
    .split(",")
    .map((d) => d.trim())
    .filter((d) => d !== "");
  for (const day of closureDays) {
    if (!isLocalDate(day)) throw new UsageError(`closure day "${day}" is not a date (YYYY-MM-DD)`);
  }
  const received = parseReceived(values.received, "--received");
  const started = values.started === undefined ? undefined : parseReceived(values.started, "--started");
  let workingDays: number;
  if (values["working-days"] !== undefined) {
    if (!/^[0-9]+$/.test(values["working-days"])) {
      throw new UsageError(`--working-days must be a whole number of days, not "${values["working-days"]}"`);
    }
    workingDays = Number(values["working-days"]);
  } else if (stage.timescale.kind === "child-need") {
    throw new UsageError(
      `${stage.name} of ${policy.id} is timed according to the child's needs: give --working-days N (the IRO's timescale)`,
    );
  } else {
    workingDays = stage.timescale.workingDays;
  }
  const calendar = createCalendar({
    region: values.region,
    closureDays,
    ...(values["cut-off"] ? { cutOff: values["cut-off"] } : {}),
  });
  const fromStart =
    values["working-days"] === undefined && stage.timescale.kind === "working-days"
      ? stage.timescale
      : undefined;
  if (fromStart?.countedFrom === "start-of-challenge" && started === undefined) {
    throw new UsageError(
      `${stage.name} of ${policy.id} is counted from the start of the challenge: give --started <when the first formal stage was received>`,
    );
  }
  if (started !== undefined && started > received)
    throw new UsageError(
      "--started must be on or before --received: the challenge starts with its first stage",
    );
  const result = fromStart
    ? policyDeadline(calendar, received, fromStart, started ?? received)
    : calendar.deadline(received, workingDays);
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({
        policy: policy.id,
        stage: stage.id,
        stageName: stage.name,
        received: result.receivedAt,
        countedFrom: result.countedFrom,
        ...(result.deferred ? { deferred: result.deferred } : {}),
        workingDays: result.workingDays,
        due: result.due,
        dueBy: result.dueBy,
        region: values.region,
        closureDays,
        rule: result.rule,
      })}\n`,
    );
  } else {
    io.stdout.write(
      `${policy.name}, ${stage.name}: due by the end of ${formatDay(result.due)}\n${result.rule}\n`,
    );
    io.stdout.write(
      `(${REGION_NAMES[values.region]} bank holidays${closureDays.length ? `, closure days ${closureDays.join(", ")}` : ""})\n`,
    );
  }
  return EXIT.ok;
}

/** An ISO-8601 date-time; one without an offset is London wall-clock time, as a council officer would mean it. */
function parseReceived(text: string, option: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) {
    throw new UsageError(
      `${option} "${text}" is not an ISO-8601 date-time such as 2026-11-20T09:30 or 2026-11-20T09:30:00Z`,
    );
  }
  const parsed = DateTime.fromISO(text, { zone: LONDON });
  if (!parsed.isValid) {
    throw new UsageError(
      `${option} "${text}" is not a valid date-time (${parsed.invalidExplanation ?? parsed.invalidReason})`,
    );
  }
  return parsed.toUTC().toISO();
}

function ladderSummary(policy: Policy): string {
  return policy.stages.map((s) => s.id).join(" → ");
}

function responsibleOf(stage: PolicyStage): string {
  return isAnswered(stage) ? answeringRoles(stage).map(roleLabel).join(" or ") : "(referral by the IRO)";
}

/** Who is copied, and who is told of the form or the final decision the stage sends. */
function copiedOf(stage: PolicyStage): string {
  const told = [
    ...stage.copiedRoles.map(roleLabel),
    ...("notificationForm" in stage && stage.notificationForm
      ? [`${stage.notificationForm.sendTo.map(roleLabel).join(", ")} (the form)`]
      : []),
    ...("finalDecision" in stage && stage.finalDecision
      ? [`${stage.finalDecision.notify.map(roleLabel).join(", ")} (the decision)`]
      : []),
  ];
  return told.join(", ") || "-";
}

function timescaleOf(stage: PolicyStage): string {
  if (!isAnswered(stage)) return `${stage.legalStatuses.join("/")} only`;
  if (stage.timescale.kind === "child-need") return "according to the child's needs";
  const { workingDays, fromStartOfChallenge } = stage.timescale;
  const days = `${workingDays} working day${workingDays === 1 ? "" : "s"}`;
  const formal = isFormal(stage) ? "" : " (informal)";
  if (fromStartOfChallenge === undefined) return `${days}${formal}`;
  return stage.timescale.countedFrom === "start-of-challenge"
    ? `${days} (${fromStartOfChallenge} from the start, counted from it)`
    : `${days} (${fromStartOfChallenge} from the start)`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd() + "\n";
  return line(headers) + line(widths.map((w) => "-".repeat(w))) + rows.map(line).join("");
}
