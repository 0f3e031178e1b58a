// One zod schema over the environment: every setting the product reads, with its default, checked at
// start-up so that a wrong configuration stops the process with every problem listed at once. `loadConfig`
// turns the flat settings into the typed, nested configuration the composition root wires from.
import { isLocalDate, type Region, REGIONS } from "./domain/calendar";
import { z } from "./domain/schemas";
import { digestSchedule, digestScheduleProblems, reminderScheduleProblems } from "./schedules";

const LOCAL_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True when the endpoint names this machine (localhost, 127.0.0.1 or ::1). */
export function isLocalEndpoint(endpoint: string): boolean {
  if (!URL.canParse(endpoint)) return false;
  return LOCAL_HOSTNAMES.has(new URL(endpoint).hostname.toLowerCase());
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== ""),
  );

const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { error: "must be a time HH:mm" });

export const cosmosSettingsSchema = z.object({
  COSMOS_ENDPOINT: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.url({ error: "must be the account's https:// endpoint" }).optional()),
  /** Account key. Empty in Azure: the account accepts Entra ID only, through the managed identity. */
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().trim().min(1).default("escalation-bot"),
  /**
   * Client id of the user-assigned managed identity that holds the Cosmos DB data role. With no key and
   * no client id, a remote account is reached as the user signed in to the Azure CLI (the admin tool).
   */
  MANAGED_IDENTITY_CLIENT_ID: optionalText,
});

export type CosmosSettings = z.infer<typeof cosmosSettingsSchema>;

/** The council's own settings, which the admin tool reads too: its name, and how its working days are counted. */
export const councilSettingsSchema = z.object({
  /** The council's name, as its reports are headed. */
  COUNCIL_NAME: optionalText,
  CALENDAR_REGION: z.enum(REGIONS as [string, ...string[]]).default("england-and-wales"),
  CLOSURE_DAYS: list.pipe(
    z.array(
      z.string().refine(isLocalDate, { error: (i) => `"${String(i.input)}" is not a date YYYY-MM-DD` }),
    ),
  ),
  RECEIPT_CUT_OFF: clock.default("17:00"),
});

/** What a report is headed with when COUNCIL_NAME is not set. */
export const UNNAMED_COUNCIL = "The council (COUNCIL_NAME is not set)";

export const settingsSchema = cosmosSettingsSchema
  .extend(councilSettingsSchema.shape)
  .extend({
    /** Explicit local mode: no Bot Framework token is required (the local playground sends none). */
    LOCAL_MODE: z
      .enum(["true", "false", ""])
      .optional()
      .transform((v) => v === "true"),
    BOT_CLIENT_ID: optionalText,
    BOT_CLIENT_SECRET: optionalText,
    BOT_TENANT_ID: optionalText,
    /** ClientSecret, or UserManagedIdentity for a Function App's managed identity. */
    BOT_AUTH_TYPE: z.enum(["ClientSecret", "UserManagedIdentity"]).default("ClientSecret"),
    BOT_OPENID_METADATA_URL: optionalText.pipe(z.url().optional()),
    ALLOWED_TENANT_IDS: list,
    POLICY: z.string().trim().min(1).default("dorset-qaro"),
    /**
     * Every process the council runs for new escalations, by policy id, when it runs more than one (the IRO
     * process, the CP Chair process, the partnership's): the raise form offers those the raiser may start.
     * POLICY is the first unless given.
     */
    POLICIES: list,
    WORKING_HOURS_START: clock.default("08:00"),
    WORKING_HOURS_END: clock.default("18:00"),
    DIRECTORY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(300),
    /** NCRONTAB (with seconds), UTC: how often the reminders run. */
    REMINDER_SCHEDULE: z.string().trim().min(1).default("0 */15 * * * *"),
    /**
     * NCRONTAB, UTC: when the digest timer wakes; it sends only at DIGEST_TIME London time. Empty (the
     * default): derived from DIGEST_DAY and DIGEST_TIME. Set, it must wake at them, or start-up refuses.
     */
    DIGEST_SCHEDULE: optionalText,
    /** London wall-clock hour at which the weekly digest goes out. */
    DIGEST_TIME: clock.default("08:00"),
    /** Day of the weekly digest, London time. */
    DIGEST_DAY: z.enum(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]).default("Monday"),
    /** The app's id in the council's Teams app catalog; with it, the bot installs itself for people. */
    TEAMS_CATALOG_APP_ID: optionalText,
    GRAPH_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://graph.microsoft.com/v1.0"),
    /** The council's mailbox the bot sends e-mail as (Graph sendMail); without it, nothing goes by e-mail. */
    MAIL_SENDER: optionalText.pipe(z.email({ error: "must be the mailbox's e-mail address" }).optional()),
    /** The provider id from the Actionable Email Developer Dashboard: with it, e-mails carry the live card. */
    OUTLOOK_ORIGINATOR_ID: optionalText.pipe(
      z.uuid({ error: "must be the provider's originator id (a GUID)" }).optional(),
    ),
    /** Where the Bot Connector takes messages for chats a proactive install opens. */
    TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/ }).default("https://smba.trafficmanager.net/uk/"),
    /** "true" lets a deployed bot run with the SDK's debug logging (DEBUG=agents:*), which logs case details. */
    SDK_DEBUG_LOGGING_ACKNOWLEDGED: z
      .enum(["true", "false", ""])
      .optional()
      .transform((v) => v === "true"),
  })
  // `when`: the cross-field checks run even when a single field is wrong, so that every problem is listed at
  // once; a field that failed its own check may hold its raw input here, hence the defensive tests.
  .superRefine(
    (s, ctx) => {
      const need = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
      const metadata = s.BOT_OPENID_METADATA_URL;
      if (typeof metadata === "string" && URL.canParse(metadata)) {
        if (new URL(metadata).protocol !== "https:" && !isLocalEndpoint(metadata))
          need("BOT_OPENID_METADATA_URL", "must be an https:// URL (http:// only to this machine)");
      }
      if ((s.LOCAL_MODE as unknown) === true) {
        // Local mode accepts activities with no token: it is for this machine only, never beside the
        // settings of a deployed bot.
        for (const key of ["BOT_CLIENT_ID", "BOT_CLIENT_SECRET", "BOT_TENANT_ID"] as const) {
          if (s[key]) need(key, "must not be set with LOCAL_MODE=true (local mode checks no tokens)");
        }
        if (
          typeof s.COSMOS_ENDPOINT === "string" &&
          URL.canParse(s.COSMOS_ENDPOINT) &&
          !isLocalEndpoint(s.COSMOS_ENDPOINT)
        )
          need(
            "LOCAL_MODE",
            "is only for a Cosmos DB endpoint on this machine (localhost, 127.0.0.1 or ::1); COSMOS_ENDPOINT names another",
          );
        return;
      }
      if (!s.BOT_CLIENT_ID)
        need("BOT_CLIENT_ID", "is required unless LOCAL_MODE=true (the bot's Entra app id)");
      if (!s.BOT_TENANT_ID) need("BOT_TENANT_ID", "is required unless LOCAL_MODE=true");
      if (s.BOT_AUTH_TYPE === "ClientSecret" && !s.BOT_CLIENT_SECRET) {
        need("BOT_CLIENT_SECRET", "is required with BOT_AUTH_TYPE=ClientSecret");
      }
      if (!Array.isArray(s.ALLOWED_TENANT_IDS) || s.ALLOWED_TENANT_IDS.length === 0)
        need("ALLOWED_TENANT_IDS", "is required unless LOCAL_MODE=true");
      if (!s.COSMOS_ENDPOINT) need("COSMOS_ENDPOINT", "is required unless LOCAL_MODE=true");
      else if (
        !s.COSMOS_KEY &&
        !s.MANAGED_IDENTITY_CLIENT_ID &&
        URL.canParse(s.COSMOS_ENDPOINT) &&
        !isLocalEndpoint(s.COSMOS_ENDPOINT)
      ) {
        need(
          "MANAGED_IDENTITY_CLIENT_ID",
          "is required when COSMOS_KEY is empty (the client id of the managed identity with the Cosmos DB data role)",
        );
      }
    },
    { when: () => true },
  );

export type Settings = z.infer<typeof settingsSchema>;

/** True when DEBUG (the `debug` package's namespaces) turns on the Agents SDK's loggers. */
export function sdkDebugLogging(debug: string | undefined): boolean {
  return (debug ?? "")
    .split(/[\s,]+/)
    .some((namespace) => namespace === "*" || /^agents(:|\*|$)/.test(namespace));
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `The configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

export function parseSettings<T extends z.ZodType>(
  schema: T,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  return result.data;
}

/** The configuration the composition root wires from, in the shape each part needs. */
export interface Config {
  readonly cosmos: {
    readonly endpoint: string;
    readonly key: string | undefined;
    readonly database: string;
    readonly managedIdentityClientId: string | undefined;
  };
  /** How inbound activities are authenticated, and how the bot authenticates its own calls. */
  readonly bot:
    | { readonly mode: "local"; readonly id: string }
    | {
        readonly mode: "bot-framework";
        readonly id: string;
        readonly tenantId: string | undefined;
        readonly clientSecret: string | undefined;
        readonly authType: "ClientSecret" | "UserManagedIdentity";
        readonly openIdMetadataUrl: string | undefined;
      };
  readonly allowedTenants: readonly string[];
  /** The policy new escalations are raised under. */
  readonly policyId: string;
  /** The processes new escalations may be raised under, POLICY first. */
  readonly policyIds: readonly string[];
  readonly councilName: string;
  readonly calendar: {
    readonly region: Region;
    readonly closureDays: readonly string[];
    readonly cutOff: string;
  };
  readonly hours: { readonly start: string; readonly end: string };
  readonly directoryCacheMs: number;
  readonly schedules: { readonly reminders: string; readonly digest: string };
  readonly digest: { readonly day: string; readonly time: string };
  /** E-mail through Microsoft Graph as the council's mailbox, when MAIL_SENDER is set. */
  readonly mail:
    | { readonly graphBaseUrl: string; readonly sender: string; readonly originatorId: string | undefined }
    | undefined;
  /** Proactive install with Microsoft Graph, when the council's catalog app id is set. */
  readonly install:
    { readonly graphBaseUrl: string; readonly catalogAppId: string; readonly serviceUrl: string } | undefined;
}

/**
 * Reads and checks the environment, and checks what only the whole can: that the policy is one of those
 * shipped and that there is a Cosmos DB account to use. Throws a ConfigError listing every problem.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  policyIds: Iterable<string>,
): Config {
  const s = parseSettings(settingsSchema, env);
  const known = [...policyIds];
  const problems: string[] = [];
  if (!known.includes(s.POLICY)) problems.push(`POLICY: "${s.POLICY}" is not one of ${known.join(", ")}`);
  for (const id of s.POLICIES) {
    if (!known.includes(id)) problems.push(`POLICIES: "${id}" is not one of ${known.join(", ")}`);
  }
  const raisedUnder = [s.POLICY, ...s.POLICIES.filter((id) => id !== s.POLICY)];
  if (!s.COSMOS_ENDPOINT) problems.push("COSMOS_ENDPOINT: is required");
  if (!s.LOCAL_MODE && s.BOT_CLIENT_ID && sdkDebugLogging(env["DEBUG"]) && !s.SDK_DEBUG_LOGGING_ACKNOWLEDGED)
    problems.push(
      "DEBUG: turns on the Agents SDK's debug logging, which writes whole activities (a child's name included) to the logs; " +
        "unset it, or set SDK_DEBUG_LOGGING_ACKNOWLEDGED=true for a support session",
    );
  if (!s.DIGEST_SCHEDULE && s.DIGEST_TIME < "01:00")
    problems.push(
      `DIGEST_TIME: ${s.DIGEST_TIME} must be 01:00 or later for the digest's schedule to be derived`,
    );
  const digest = s.DIGEST_SCHEDULE ?? digestSchedule(s.DIGEST_DAY, s.DIGEST_TIME);
  if (s.DIGEST_SCHEDULE) problems.push(...digestScheduleProblems(digest, s.DIGEST_DAY, s.DIGEST_TIME));
  problems.push(...reminderScheduleProblems(s.REMINDER_SCHEDULE, s.WORKING_HOURS_START, s.WORKING_HOURS_END));
  if (problems.length > 0 || !s.COSMOS_ENDPOINT) throw new ConfigError(problems);
  const local = s.LOCAL_MODE || !s.BOT_CLIENT_ID;
  return {
    cosmos: {
      endpoint: s.COSMOS_ENDPOINT,
      key: s.COSMOS_KEY,
      database: s.COSMOS_DATABASE,
      managedIdentityClientId: s.MANAGED_IDENTITY_CLIENT_ID,
    },
    bot:
      local || !s.BOT_CLIENT_ID
        ? { mode: "local", id: s.BOT_CLIENT_ID ?? "local-bot" }
        : {
            mode: "bot-framework",
            id: s.BOT_CLIENT_ID,
            tenantId: s.BOT_TENANT_ID,
            clientSecret: s.BOT_CLIENT_SECRET,
            authType: s.BOT_AUTH_TYPE,
            openIdMetadataUrl: s.BOT_OPENID_METADATA_URL,
          },
    allowedTenants: s.ALLOWED_TENANT_IDS,
    policyId: s.POLICY,
    policyIds: raisedUnder,
    councilName: s.COUNCIL_NAME ?? UNNAMED_COUNCIL,
    calendar: { region: s.CALENDAR_REGION as Region, closureDays: s.CLOSURE_DAYS, cutOff: s.RECEIPT_CUT_OFF },
    hours: { start: s.WORKING_HOURS_START, end: s.WORKING_HOURS_END },
    directoryCacheMs: s.DIRECTORY_CACHE_SECONDS * 1000,
    schedules: { reminders: s.REMINDER_SCHEDULE, digest },
    digest: { day: s.DIGEST_DAY, time: s.DIGEST_TIME },
    mail: s.MAIL_SENDER
      ? { graphBaseUrl: s.GRAPH_BASE_URL, sender: s.MAIL_SENDER, originatorId: s.OUTLOOK_ORIGINATOR_ID }
      : undefined,
    install: s.TEAMS_CATALOG_APP_ID
      ? {
          graphBaseUrl: s.GRAPH_BASE_URL,
          catalogAppId: s.TEAMS_CATALOG_APP_ID,
          serviceUrl: s.TEAMS_SERVICE_URL,
        }
      : undefined,
  };
}
