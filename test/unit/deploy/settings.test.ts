// Every setting the code reads is set by infra/main.bicep and listed in .env.example, and nothing is set or
// listed that the code does not read. What the code reads: the keys of the settings schema (src/config.ts),
// the local run's settings (src/hosts/local/local-settings.ts) and the package settings (scripts/package-app.ts).
import { PACKAGE_SETTINGS } from "../../../scripts/package-app";
import { settingsSchema } from "../../../src/config";
import { localSettings } from "../../../src/hosts/local/local-settings";
import { bicepObjectKeys, read, readEnvFile } from "./support";

const sorted = (keys: Iterable<string>) => [...new Set(keys)].sort();

const productionKeys = sorted(Object.keys(settingsSchema.shape));
const localKeys = sorted(Object.keys(localSettings.shape));
const packageKeys = sorted(Object.keys(PACKAGE_SETTINGS));

/**
 * App settings the Functions host and the Azure platform read, not the product's code. Each is set in
 * infra/modules/function-app.bicep, and only these may be.
 */
const HOST_SETTINGS: Readonly<Record<string, string>> = {
  AzureWebJobsStorage__blobServiceUri:
    "the Functions host keeps its state (timer schedule and singleton locks) in this account's blobs",
  AzureWebJobsStorage__credential: "the host reaches that storage with a managed identity, not a key",
  AzureWebJobsStorage__clientId: "which managed identity: the user-assigned one",
  APPLICATIONINSIGHTS_CONNECTION_STRING: "where the host and the Node worker send telemetry",
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING:
    "Application Insights has local auth off; telemetry is sent as the managed identity",
  CUSTOM_BUILD_COMMAND: "the remote build installs the production dependencies alone (npm ci --omit=dev)",
};

describe("infra/main.bicep", () => {
  const appSettings = bicepObjectKeys(read("infra/main.bicep"), "var appSettings = {");
  const hostSettings = bicepObjectKeys(read("infra/modules/function-app.bicep"), "var hostSettings = {");

  it("sets every setting of the settings schema, and only those", () => {
    expect(sorted(appSettings)).toEqual(productionKeys);
    expect(appSettings).toHaveLength(productionKeys.length); // no key set twice
  });

  it("sets no host setting outside the allow-list, and every one on it", () => {
    expect(sorted(hostSettings)).toEqual(sorted(Object.keys(HOST_SETTINGS)));
    expect(hostSettings.filter((key) => productionKeys.includes(key))).toEqual([]);
  });

  it("passes both sets of settings to the Function App", () => {
    expect(read("infra/main.bicep")).toMatch(/\n\s+appSettings: appSettings\n/);
    expect(read("infra/modules/function-app.bicep")).toContain("items(union(appSettings, hostSettings))");
  });

  it("sets no Functions setting the Flex Consumption plan has replaced by site properties", () => {
    const text = read("infra/modules/function-app.bicep") + read("infra/main.bicep");
    for (const retired of [
      "FUNCTIONS_WORKER_RUNTIME",
      "FUNCTIONS_EXTENSION_VERSION",
      "WEBSITE_RUN_FROM_PACKAGE",
    ]) {
      expect(text).not.toContain(retired);
    }
  });
});

describe(".env.example", () => {
  const { keys, values } = readEnvFile(read(".env.example"));

  it("lists every setting the code reads, and only those", () => {
    expect(sorted(keys)).toEqual(sorted([...productionKeys, ...localKeys, ...packageKeys]));
  });

  it("lists each setting once", () => {
    expect(keys).toHaveLength(new Set(keys).size);
  });

  it("explains each setting with a comment", () => {
    const lines = read(".env.example").split("\n");
    for (const key of keys) {
      const index = lines.findIndex((line) => new RegExp(`^(#\\s*)?${key}=`).test(line));
      // The setting's own comment, or the comment of the group of settings it is in.
      const before = lines.slice(0, index).reverse();
      const above = before.find((line) => !/^(#\s*)?[A-Z][A-Z0-9_]*=/.test(line));
      expect([key, above?.startsWith("#")]).toEqual([key, true]);
    }
  });

  it("holds values the settings schema accepts", () => {
    const production = Object.fromEntries(
      Object.entries(values).filter(([key]) => productionKeys.includes(key)),
    );
    expect(() => settingsSchema.parse({ ...production, LOCAL_MODE: "true" })).not.toThrow();
  });

  it("holds no secret", () => {
    for (const key of ["COSMOS_KEY", "BOT_CLIENT_SECRET"]) expect(values[key]).toBe("");
  });
});
