// A structural check of the Bicep templates, standing in for `bicep build`, which these machines cannot run
// (the Bicep CLI's install downloads a binary): the modules exist and are called with the parameters they
// declare, outputs used are outputs declared, the parameters file names real parameters, and the
// resources are configured as docs/deploy.md says (Flex Consumption, Node 22, always ready, serverless
// Cosmos DB without keys, the data role, the Teams channel, UK South, no secret in the repository).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { settingsSchema } from "../../../src/config";
import { registrationsOf } from "../../support/functions-registrations";
import { bicepObjectKeys, read, ROOT } from "./support";

const main = read("infra/main.bicep");
const moduleFiles = readdirSync(path.join(ROOT, "infra", "modules")).filter((f) => f.endsWith(".bicep"));
const allBicep = [main, ...moduleFiles.map((f) => read(`infra/modules/${f}`))].join("\n");

interface BicepParam {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly secure: boolean;
}

/** The `param` declarations of a Bicep file, with whether each has a default and is @secure(). */
function params(text: string): BicepParam[] {
  const lines = text.split("\n");
  return lines.flatMap((line, i) => {
    const match = /^param (\w+) \w+( = .*)?$/.exec(line);
    if (!match?.[1]) return [];
    const decorators: string[] = [];
    for (let j = i - 1; j >= 0 && /^@/.test(lines[j] ?? ""); j--) decorators.push(lines[j] ?? "");
    return [
      {
        name: match[1],
        hasDefault: match[2] !== undefined,
        secure: decorators.some((d) => d.startsWith("@secure()")),
      },
    ];
  });
}

const outputs = (text: string) => [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1]);

/** The modules main.bicep calls: symbol, path and the names it passes in `params`. */
const modules = [...main.matchAll(/^module (\w+) '([^']+)' = \{/gm)].map((m) => {
  const block = main.slice(m.index, main.indexOf("\n}\n", m.index) + 3);
  return { symbol: m[1] ?? "", file: m[2] ?? "", passed: bicepObjectKeys(block, "params: {") };
});

describe("infra/main.bicep and its modules", () => {
  it("calls every module in infra/modules, and each exists", () => {
    expect(modules).toHaveLength(6);
    for (const { passed } of modules) expect(passed.length).toBeGreaterThan(2);
    expect(modules.map((m) => path.basename(m.file)).sort()).toEqual([...moduleFiles].sort());
    for (const { file } of modules) expect(existsSync(path.join(ROOT, "infra", file))).toBe(true);
  });

  it("passes each module exactly the parameters it declares, and all it needs", () => {
    for (const { file, passed } of modules) {
      const declared = params(read(path.join("infra", file)));
      expect([file, passed.filter((p) => !declared.some((d) => d.name === p))]).toEqual([file, []]);
      const required = declared.filter((d) => !d.hasDefault).map((d) => d.name);
      expect([file, required.filter((r) => !passed.includes(r))]).toEqual([file, []]);
    }
  });

  it("uses only outputs the modules declare", () => {
    for (const [, symbol, output] of main.matchAll(/(\w+)\.outputs\.(\w+)/g)) {
      const module = modules.find((m) => m.symbol === symbol);
      expect([symbol, module && outputs(read(path.join("infra", module.file))).includes(output)]).toEqual([
        symbol,
        true,
      ]);
    }
  });

  it("uses every parameter it declares", () => {
    for (const text of [main, ...moduleFiles.map((f) => read(`infra/modules/${f}`))]) {
      const declared = params(text).map((p) => p.name);
      for (const name of declared) {
        // Every parameter is used somewhere beyond its declaration.
        expect([name, text.split(new RegExp(`\\b${name}\\b`)).length - 1 > 1]).toEqual([name, true]);
      }
    }
  });

  it("pins GA API versions, no previews", () => {
    const versions = [...allBicep.matchAll(/'(Microsoft\.[\w./]+)@([\w-]+)'/g)].map((m) => `${m[1]}@${m[2]}`);
    expect(versions.length).toBeGreaterThan(10);
    for (const version of versions) expect(version).toMatch(/@\d{4}-\d{2}-\d{2}$/);
  });

  it("deploys to UK South unless told otherwise", () => {
    expect(main).toMatch(/^param location string = 'uksouth'$/m);
  });

  it("hosts the app on Flex Consumption, Node 22, with an always-ready instance for HTTP (messages)", () => {
    const app = read("infra/modules/function-app.bicep");
    expect(app).toMatch(/name: 'FC1'\s+tier: 'FlexConsumption'/);
    expect(app).toMatch(/runtime: \{\s+name: 'node'\s+version: '22'\s+\}/);
    expect(app).toMatch(/alwaysReady: \[\s+\{\s+name: 'http'\s+instanceCount: alwaysReadyInstances/);
    expect(main).toMatch(/^param alwaysReadyInstances int = 1$/m);
    // The only HTTP trigger is messages, so the HTTP group is its always-ready group.
    expect(registrationsOf().http).toEqual(["messages"]);
    expect(app).toMatch(/type: 'blobContainer'[\s\S]*type: 'UserAssignedIdentity'/);
  });

  it("creates the database the app reads by default (an Entra ID identity cannot create it)", () => {
    const database = settingsSchema.shape.COSMOS_DATABASE.parse(undefined);
    expect(main).toContain(`param cosmosDatabaseName string = '${database}'`);
  });

  it("makes Cosmos DB serverless with keys disabled and gives the identity the data-plane role", () => {
    const cosmos = read("infra/modules/cosmos.bicep");
    expect(cosmos).toContain("capabilities: [{ name: 'EnableServerless' }]");
    expect(cosmos).toContain("disableLocalAuth: true");
    expect(cosmos).toContain("var dataContributor = '00000000-0000-0000-0000-000000000002'");
    expect(cosmos).toMatch(/sqlRoleAssignments@[\s\S]*principalId: identityPrincipalId/);
    expect(main).toMatch(/COSMOS_KEY: ''\n/);
  });

  it("registers the bot with the managed identity by default, and turns the Teams channel on", () => {
    const bot = read("infra/modules/bot.bicep");
    expect(main).toMatch(/^param botAuthType string = 'UserManagedIdentity'$/m);
    expect(main).toContain("msaAppType: managedIdentityBot ? 'UserAssignedMSI' : 'SingleTenant'");
    expect(bot).toContain("msaAppMSIResourceId: msaAppType == 'UserAssignedMSI' ? identityId : null");
    expect(bot).toMatch(/name: 'MsTeamsChannel'[\s\S]*channelName: 'MsTeamsChannel'/);
    expect(main).toContain("endpoint: 'https://${functionApp.outputs.defaultHostName}/api/messages'");
  });

  it("turns off keys for Storage and Application Insights too", () => {
    expect(read("infra/modules/storage.bicep")).toContain("allowSharedKeyAccess: false");
    expect(read("infra/modules/monitoring.bicep")).toContain("DisableLocalAuth: true");
  });

  it("keeps secrets in @secure() parameters only, and holds none", () => {
    for (const file of ["infra/main.bicep", ...moduleFiles.map((f) => `infra/modules/${f}`)]) {
      for (const param of params(read(file))) {
        if (/secret|password|key$/i.test(param.name))
          expect([file, param.name, param.secure]).toEqual([file, param.name, true]);
        if (param.secure) expect(read(file)).not.toMatch(new RegExp(`param ${param.name} \\w+ = '.+'`));
      }
    }
    expect(allBicep).not.toMatch(/AccountKey=|InstrumentationKey=|listKeys\(/);
  });

  it("outputs what npm run package:app reads", () => {
    expect(outputs(main)).toEqual(expect.arrayContaining(["BOT_CLIENT_ID", "BOT_DOMAIN"]));
  });
});

describe("infra/main.parameters.json", () => {
  const file = JSON.parse(read("infra/main.parameters.json")) as {
    $schema: string;
    contentVersion: string;
    parameters: Record<string, Record<string, unknown>>;
  };
  const declared = params(main);

  it("is a deployment parameters file", () => {
    expect(file.$schema).toBe(
      "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    );
    expect(file.contentVersion).toBe("1.0.0.0");
    for (const [name, value] of Object.entries(file.parameters)) {
      expect([name, Object.keys(value)]).toEqual([name, ["value"]]);
      expect(typeof value["value"]).toBe("string");
    }
  });

  it("names only parameters main.bicep declares, and every one without a default", () => {
    const names = Object.keys(file.parameters);
    expect(names.filter((n) => !declared.some((d) => d.name === n))).toEqual([]);
    const required = declared.filter((d) => !d.hasDefault).map((d) => d.name);
    expect(required.filter((r) => !names.includes(r))).toEqual([]);
  });

  it("takes its values from azd's environment, never a literal secret", () => {
    for (const [name, { value }] of Object.entries(file.parameters)) {
      expect([name, value]).toEqual([name, expect.stringMatching(/^\$\{[A-Z_]+(=[^}]*)?\}$/)]);
    }
  });
});

describe("azure.yaml", () => {
  const yaml = read("azure.yaml");

  it("provisions infra/main.bicep and deploys the project as the Function App service", () => {
    expect(yaml).toMatch(/infra:\n\s+provider: bicep\n\s+path: infra\n\s+module: main/);
    expect(yaml).toMatch(/services:\n\s+api:\n\s+project: \.\n\s+language: ts\n\s+host: function/);
    // azd finds the app by this tag.
    expect(read("infra/modules/function-app.bicep")).toContain("'azd-service-name': 'api'");
  });
});
