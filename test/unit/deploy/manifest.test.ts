// The Teams app manifest, filled by the code `npm run package:app` uses, is valid against the manifest 1.22
// schema and offers what the bot handles: the personal-scope commands and the "Raise escalation" action.
import {
  AppPackageError,
  fillManifest,
  PACKAGE_SETTINGS,
  placeholdersIn,
} from "../../../scripts/package-app";
import { commandOf, COMMANDS, RAISE_COMMAND_ID } from "../../../src/adapters/teams/commands";
import { compileManifestSchema } from "../../support/schemas";
import { read, SAMPLE_PACKAGE_ENV } from "./support";

const template = read("appPackage/manifest.json");

interface Manifest {
  manifestVersion: string;
  $schema: string;
  id: string;
  version: string;
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
  composeExtensions: {
    botId: string;
    commands: { id: string; type: string; context: string[]; fetchTask: boolean; title: string }[];
  }[];
  validDomains: string[];
  webApplicationInfo: { id: string };
  icons: { color: string; outline: string };
}

function filled(): Manifest {
  return JSON.parse(fillManifest(template, SAMPLE_PACKAGE_ENV)) as Manifest;
}

describe("appPackage/manifest.json", () => {
  it("is valid against the Teams manifest 1.22 schema once its placeholders are filled", () => {
    const validate = compileManifestSchema({ allErrors: true });
    const valid = validate(filled());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("is not valid with its placeholders unfilled (the schema check is live)", () => {
    const validate = compileManifestSchema();
    expect(validate(JSON.parse(template))).toBe(false);
  });

  it("names manifest version 1.22 and its schema", () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe("1.22");
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/en-us/json-schemas/teams/v1.22/MicrosoftTeams.schema.json",
    );
  });

  it("fills the ids, the version and the bot's domain from the environment", () => {
    const manifest = filled();
    expect(manifest.id).toBe(SAMPLE_PACKAGE_ENV.TEAMS_APP_ID);
    expect(manifest.version).toBe(SAMPLE_PACKAGE_ENV.APP_VERSION);
    expect(manifest.bots[0]?.botId).toBe(SAMPLE_PACKAGE_ENV.BOT_CLIENT_ID);
    expect(manifest.composeExtensions[0]?.botId).toBe(SAMPLE_PACKAGE_ENV.BOT_CLIENT_ID);
    expect(manifest.webApplicationInfo.id).toBe(SAMPLE_PACKAGE_ENV.BOT_CLIENT_ID);
    expect(manifest.validDomains).toEqual([SAMPLE_PACKAGE_ENV.BOT_DOMAIN]);
  });

  it("offers the bot in personal scope with the commands the bot answers", () => {
    const [bot] = filled().bots;
    expect(bot?.scopes).toEqual(["personal"]);
    expect(bot?.commandLists).toHaveLength(1);
    expect(bot?.commandLists[0]?.scopes).toEqual(["personal"]);
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toEqual([
      "raise",
      "my escalations",
      "record",
      "report",
      "digest",
      "help",
    ]);
    // Each command the manifest offers is one the bot answers, typed plainly or after an @mention.
    for (const { title } of bot?.commandLists[0]?.commands ?? []) {
      expect(commandOf(title)).toBe(title);
      expect(commandOf(`<at>Escalation bot</at> ${title.toUpperCase()} `)).toBe(title);
    }
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toEqual([...COMMANDS]);
  });

  it("offers the message action the bot's fetchTask handler serves", () => {
    const [extension] = filled().composeExtensions;
    expect(extension?.commands).toEqual([
      expect.objectContaining({
        id: RAISE_COMMAND_ID,
        type: "action",
        context: ["message"],
        fetchTask: true,
        title: "Raise escalation",
      }),
    ]);
  });

  it("uses only placeholders package:app knows, and every one it knows", () => {
    expect(placeholdersIn(template).sort()).toEqual(Object.keys(PACKAGE_SETTINGS).sort());
  });

  it("refuses to build with values missing or malformed, listing every problem at once", () => {
    let caught: unknown;
    try {
      fillManifest(template, {
        ...SAMPLE_PACKAGE_ENV,
        TEAMS_APP_ID: undefined,
        BOT_CLIENT_ID: "",
        APP_VERSION: "1.0",
        BOT_DOMAIN: "https://func-abc123.azurewebsites.net/",
        PRIVACY_URL: "http://www.example.gov.uk/privacy",
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppPackageError);
    const { problems, message } = caught as AppPackageError;
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "APP_VERSION",
      "BOT_CLIENT_ID",
      "BOT_DOMAIN",
      "PRIVACY_URL",
      "TEAMS_APP_ID",
    ]);
    expect(message).toContain("5 problems");
    expect(message).toContain("TEAMS_APP_ID: is not set");
  });

  it("escapes values as JSON string content", () => {
    const manifest = JSON.parse(
      fillManifest(template, { ...SAMPLE_PACKAGE_ENV, DEVELOPER_NAME: 'Council "North" \\ East' }),
    ) as { developer: { name: string } };
    expect(manifest.developer.name).toBe('Council "North" \\ East');
  });
});
