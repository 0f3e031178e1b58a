// The one settings schema: start-up fails listing every problem at once, and the configuration the Bicep
// templates produce (keys disabled, managed identity) is accepted and reaches Cosmos DB with Entra ID.
import { AzureCliCredential, ManagedIdentityCredential } from "@azure/identity";

import { cosmosAuth } from "../../../src/adapters/cosmos/client";
import { ConfigError, loadConfig, parseSettings, settingsSchema } from "../../../src/config";
import { bicepObjectKeys, read } from "./support";

const TENANT = "11111111-2222-4333-8444-555555555555";
const IDENTITY = "0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
const ACCOUNT = "https://cosmos-abc123.documents.azure.com:443/";

/** What infra/main.bicep sets, with botAuthType UserManagedIdentity and every default. */
const AZURE_ENV = {
  LOCAL_MODE: "false",
  COSMOS_ENDPOINT: ACCOUNT,
  COSMOS_KEY: "",
  COSMOS_DATABASE: "escalation-bot",
  MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
  BOT_CLIENT_ID: IDENTITY,
  BOT_CLIENT_SECRET: "",
  BOT_TENANT_ID: TENANT,
  BOT_AUTH_TYPE: "UserManagedIdentity",
  BOT_OPENID_METADATA_URL: "",
  ALLOWED_TENANT_IDS: TENANT,
  COUNCIL_NAME: "",
  POLICY: "dorset-qaro",
  POLICIES: "",
  CALENDAR_REGION: "england-and-wales",
  CLOSURE_DAYS: "",
  RECEIPT_CUT_OFF: "17:00",
  WORKING_HOURS_START: "08:00",
  WORKING_HOURS_END: "18:00",
  DIRECTORY_CACHE_SECONDS: "300",
  REMINDER_SCHEDULE: "0 */15 * * * *",
  DIGEST_SCHEDULE: "",
  DIGEST_TIME: "08:00",
  DIGEST_DAY: "Monday",
  TEAMS_CATALOG_APP_ID: "",
  GRAPH_BASE_URL: "https://graph.microsoft.com/v1.0",
  MAIL_SENDER: "",
  OUTLOOK_ORIGINATOR_ID: "",
  TEAMS_SERVICE_URL: "https://smba.trafficmanager.net/uk/",
  SDK_DEBUG_LOGGING_ACKNOWLEDGED: "false",
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    parseSettings(settingsSchema, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the settings schema", () => {
  it("accepts the configuration the Bicep templates set", () => {
    expect(Object.keys(AZURE_ENV).sort()).toEqual(
      bicepObjectKeys(read("infra/main.bicep"), "var appSettings = {").sort(),
    );
    const settings = parseSettings(settingsSchema, AZURE_ENV);
    expect(settings).toMatchObject({
      LOCAL_MODE: false,
      COSMOS_KEY: undefined,
      MANAGED_IDENTITY_CLIENT_ID: IDENTITY,
      BOT_AUTH_TYPE: "UserManagedIdentity",
      BOT_CLIENT_SECRET: undefined,
      ALLOWED_TENANT_IDS: [TENANT],
      DIRECTORY_CACHE_SECONDS: 300,
    });
  });

  it("runs several processes where POLICIES lists them, POLICY first, and names any it does not know", () => {
    const known = ["dorset-qaro", "professional-challenge", "multi-agency"];
    const env = {
      ...AZURE_ENV,
      POLICY: "professional-challenge",
      POLICIES: "dorset-qaro, professional-challenge",
    };
    expect(loadConfig(env, known).policyIds).toEqual(["professional-challenge", "dorset-qaro"]);
    expect(loadConfig(AZURE_ENV, known).policyIds).toEqual(["dorset-qaro"]);
    expect(() => loadConfig({ ...AZURE_ENV, POLICIES: "dorset-qaro,devon" }, known)).toThrow(
      'POLICIES: "devon" is not one of dorset-qaro, professional-challenge, multi-agency',
    );
  });

  it("reports several problems together, field checks and cross-field checks alike", () => {
    let caught: unknown;
    try {
      parseSettings(settingsSchema, {
        ...AZURE_ENV,
        CALENDAR_REGION: "wessex",
        RECEIPT_CUT_OFF: "5pm",
        CLOSURE_DAYS: "2026-12-24,Boxing Day",
        DIRECTORY_CACHE_SECONDS: "-1",
        BOT_TENANT_ID: "",
        ALLOWED_TENANT_IDS: "",
        MANAGED_IDENTITY_CLIENT_ID: "",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.problems.map((p) => p.split(/[.:]/)[0]).sort()).toEqual([
      "ALLOWED_TENANT_IDS",
      "BOT_TENANT_ID",
      "CALENDAR_REGION",
      "CLOSURE_DAYS",
      "DIRECTORY_CACHE_SECONDS",
      "MANAGED_IDENTITY_CLIENT_ID",
      "RECEIPT_CUT_OFF",
    ]);
    expect(error.message).toMatch(/^The configuration has 7 problems:\n {2}- /);
    expect(error.message).toContain('"Boxing Day" is not a date YYYY-MM-DD');
  });

  it("needs the managed identity's client id when the account is remote and there is no key", () => {
    expect(problemsOf({ ...AZURE_ENV, MANAGED_IDENTITY_CLIENT_ID: "" })).toEqual([
      expect.stringMatching(/^MANAGED_IDENTITY_CLIENT_ID: is required when COSMOS_KEY is empty/),
    ]);
    expect(problemsOf({ ...AZURE_ENV, MANAGED_IDENTITY_CLIENT_ID: "", COSMOS_KEY: "a-key" })).toEqual([]);
    expect(
      problemsOf({ ...AZURE_ENV, MANAGED_IDENTITY_CLIENT_ID: "", COSMOS_ENDPOINT: "https://127.0.0.1:8081" }),
    ).toEqual([]);
  });

  it("needs a client secret only with BOT_AUTH_TYPE=ClientSecret", () => {
    expect(problemsOf({ ...AZURE_ENV, BOT_AUTH_TYPE: "ClientSecret" })).toEqual([
      "BOT_CLIENT_SECRET: is required with BOT_AUTH_TYPE=ClientSecret",
    ]);
  });
});

describe("local mode (hardening point 3)", () => {
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      parseSettings(settingsSchema, env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems.map((p) => p.split(/[.:]/)[0] ?? p).sort();
    }
  };

  it("refuses to start beside a deployed bot's settings: its credentials, or a Cosmos DB account elsewhere", () => {
    expect(
      problemsOf({
        LOCAL_MODE: "true",
        BOT_CLIENT_ID: IDENTITY,
        BOT_CLIENT_SECRET: "a-secret",
        BOT_TENANT_ID: TENANT,
        COSMOS_ENDPOINT: ACCOUNT,
        COSMOS_KEY: "a-key",
      }),
    ).toEqual(["BOT_CLIENT_ID", "BOT_CLIENT_SECRET", "BOT_TENANT_ID", "LOCAL_MODE"]);
    let caught: unknown;
    try {
      parseSettings(settingsSchema, { LOCAL_MODE: "true", COSMOS_ENDPOINT: ACCOUNT });
    } catch (error) {
      caught = error;
    }
    expect((caught as ConfigError).message).toContain(
      "LOCAL_MODE: is only for a Cosmos DB endpoint on this machine",
    );
  });

  it("runs on this machine with no credentials", () => {
    expect(problemsOf({ LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" })).toEqual([]);
    expect(problemsOf({ LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://localhost:8081" })).toEqual([]);
  });

  it("takes the OpenID metadata over https only, except from this machine", () => {
    expect(problemsOf({ ...AZURE_ENV, BOT_OPENID_METADATA_URL: "http://login.example.com/openid" })).toEqual([
      "BOT_OPENID_METADATA_URL",
    ]);
    expect(problemsOf({ ...AZURE_ENV, BOT_OPENID_METADATA_URL: "http://127.0.0.1:9000/openid" })).toEqual([]);
    expect(problemsOf({ ...AZURE_ENV, BOT_OPENID_METADATA_URL: "https://login.example.com/openid" })).toEqual(
      [],
    );
  });

  it("is not switched on by the example settings a newcomer copies", () => {
    const example = JSON.parse(read("local.settings.example.json")) as { Values: Record<string, string> };
    expect(example.Values["LOCAL_MODE"]).not.toBe("true");
  });
});

describe("the SDK's debug logging (hardening point 16)", () => {
  const policies = ["dorset-qaro"];

  it("stops a deployed bot from starting with DEBUG=agents:*, which would log whole activities", () => {
    for (const debug of ["agents:*", "*", "express,agents:hosting:*"]) {
      expect(() => loadConfig({ ...AZURE_ENV, DEBUG: debug }, policies)).toThrow(
        /DEBUG: turns on the Agents SDK's debug logging, which writes whole activities \(a child's name included\)/,
      );
    }
  });

  it("runs with it when acknowledged, with other DEBUG namespaces, and in local mode", () => {
    expect(() =>
      loadConfig({ ...AZURE_ENV, DEBUG: "agents:*", SDK_DEBUG_LOGGING_ACKNOWLEDGED: "true" }, policies),
    ).not.toThrow();
    expect(() => loadConfig({ ...AZURE_ENV, DEBUG: "express:*" }, policies)).not.toThrow();
    expect(() =>
      loadConfig(
        { LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081", DEBUG: "agents:*" },
        policies,
      ),
    ).not.toThrow();
  });
});

describe("the timers' schedules agree with the London times they serve", () => {
  const policies = ["dorset-qaro"];
  const problems = (env: Record<string, string>): string => {
    try {
      loadConfig({ ...AZURE_ENV, ...env }, policies);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.join("\n");
      throw error;
    }
    return "";
  };

  it("derives the digest's schedule from DIGEST_DAY and DIGEST_TIME, waking at that London time in GMT and BST", () => {
    expect(loadConfig(AZURE_ENV, policies).schedules.digest).toBe("0 0 7,8 * * 1");
    expect(loadConfig({ ...AZURE_ENV, DIGEST_DAY: "Tuesday" }, policies).schedules.digest).toBe(
      "0 0 7,8 * * 2",
    );
    expect(
      loadConfig({ ...AZURE_ENV, DIGEST_DAY: "Friday", DIGEST_TIME: "09:30" }, policies).schedules.digest,
    ).toBe("0 30 8,9 * * 5");
  });

  it("refuses DIGEST_DAY=Tuesday with the schedule left at Monday, naming both settings", () => {
    const said = problems({ DIGEST_DAY: "Tuesday", DIGEST_SCHEDULE: "0 0 7,8 * * 1" });
    expect(said).toContain("DIGEST_SCHEDULE");
    expect(said).toContain("DIGEST_DAY=Tuesday");
    expect(said).toContain('set it to "0 0 7,8 * * 2"');
  });

  it("refuses a schedule that misses DIGEST_TIME, or misses it in summer only", () => {
    expect(problems({ DIGEST_TIME: "09:30", DIGEST_SCHEDULE: "0 0 7,8 * * 1" })).toContain(
      "DIGEST_TIME=09:30",
    );
    expect(problems({ DIGEST_SCHEDULE: "0 0 8 * * 1" })).toContain("summer (BST)");
    expect(problems({ DIGEST_SCHEDULE: "0 0 7,8 * * 1" })).toBe("");
    expect(problems({ DIGEST_SCHEDULE: "every monday" })).toContain("is not an NCRONTAB schedule");
  });

  it("refuses a reminders schedule that never runs within the working hours", () => {
    const said = problems({ REMINDER_SCHEDULE: "0 0 3 * * *" });
    expect(said).toContain("REMINDER_SCHEDULE");
    expect(said).toContain("WORKING_HOURS_START 08:00");
    expect(problems({ REMINDER_SCHEDULE: "0 0 9 * * 1-4" })).toContain("on a Friday");
    expect(problems({ WORKING_HOURS_START: "18:00", WORKING_HOURS_END: "08:00" })).toContain(
      "must be before WORKING_HOURS_END",
    );
    expect(problems({ REMINDER_SCHEDULE: "0 0 9,14 * * 1-5" })).toBe("");
  });
});

describe("cosmosAuth", () => {
  it("uses the key when one is configured", () => {
    expect(cosmosAuth(ACCOUNT, "a-key", IDENTITY)).toEqual({ key: "a-key" });
  });

  it("leaves a local endpoint to the well-known local key", () => {
    expect(cosmosAuth("https://localhost:8081", undefined, undefined)).toEqual({});
  });

  it("reaches a remote account without a key as the user-assigned managed identity", () => {
    expect(cosmosAuth(ACCOUNT, undefined, IDENTITY).credential).toBeInstanceOf(ManagedIdentityCredential);
  });

  it("falls back to the Azure CLI's signed-in user for the administrator's tool", () => {
    expect(cosmosAuth(ACCOUNT, undefined, undefined).credential).toBeInstanceOf(AzureCliCredential);
  });
});
