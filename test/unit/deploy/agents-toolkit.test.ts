// The Microsoft 365 Agents Toolkit's own offline validator (`atk validate`, installed from the lock file)
// on the app package the council uploads and on the Toolkit project's manifest: both pass, and a broken
// manifest fails. Beside the schema check of app-package.test.ts, this is the check the Toolkit and the
// Developer Portal run.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { parse as parseYaml } from "yaml";

import { buildAppPackage } from "../../../scripts/package-app";
import { readZip, ROOT, SAMPLE_PACKAGE_ENV } from "./support";

const ATK = path.join(ROOT, "node_modules", "@microsoft", "m365agentstoolkit-cli", "cli.js");

function atk(args: readonly string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ATK, ...args, "--folder", ROOT, "--interactive", "false", "--telemetry", "false"],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, CI: "true" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The manifest of the package `npm run package:app` builds, written where the validator can read it. */
function builtManifest(change: (manifest: Record<string, unknown>) => void = () => undefined): string {
  const dir = mkdtempSync(path.join(tmpdir(), "app-package-"));
  const zip = readZip(buildAppPackage(SAMPLE_PACKAGE_ENV, ROOT));
  const manifest = JSON.parse(zip.get("manifest.json")!.toString("utf8")) as Record<string, unknown>;
  change(manifest);
  for (const [name, data] of zip) writeFileSync(path.join(dir, name), data);
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
  return path.join(dir, "manifest.json");
}

describe("the Agents Toolkit's validator", () => {
  it("passes the manifest of the app package the council uploads", async () => {
    const result = await atk(["validate", "--manifest-file", builtManifest()]);

    expect(result.output).toContain("All passed");
    expect(result.code).toBe(0);
  });

  it("passes the Toolkit project's manifest filled from its local environment file", async () => {
    const result = await atk(["validate", "--manifest-file", "./appPackage/manifest.json", "--env", "local"]);

    expect(result.output).toContain("All passed");
    expect(result.code).toBe(0);
  });

  it("fails a broken manifest, and says what is wrong", async () => {
    const broken = builtManifest((m) => {
      m["version"] = "one";
      const bots = m["bots"] as Record<string, unknown>[];
      delete bots[0]!["botId"];
    });

    const result = await atk(["validate", "--manifest-file", broken]);

    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/"bots"/);
  });
});

describe("the Toolkit project", () => {
  const project = (file: string) =>
    parseYaml(readFileSync(path.join(ROOT, file), "utf8")) as Record<string, { uses: string }[] | string>;
  const steps = (file: string, stage: string) =>
    (project(file)[stage] as { uses: string }[]).map((s) => s.uses);

  it("provisions with the same Bicep as azd, checks and builds the package, deploys the Function App and can publish", () => {
    const file = project("m365agents.yml");
    const arm = (
      file["provision"] as unknown as { uses: string; with?: { templates?: { path: string }[] } }[]
    ).find((s) => s.uses === "arm/deploy");
    expect(arm?.with?.templates?.map((t) => t.path)).toEqual(["./infra/main.bicep"]);
    expect(steps("m365agents.yml", "provision")).toEqual([
      "teamsApp/create",
      "arm/deploy",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
    ]);
    expect(steps("m365agents.yml", "deploy")).toContain("azureFunctions/zipDeploy");
    expect(steps("m365agents.yml", "publish").at(-1)).toBe("teamsApp/publishAppPackage");
    const bicep = readFileSync(path.join(ROOT, "infra", "main.bicep"), "utf8");
    expect(bicep).toMatch(/^output API_FUNCTION_RESOURCE_ID string/m);
  });

  it("keeps no secret in its environment files", () => {
    for (const file of ["env/.env.dev", "env/.env.local"]) {
      const text = readFileSync(path.join(ROOT, file), "utf8");
      expect(text).not.toMatch(/^[A-Z_]*(SECRET|PASSWORD|KEY)[A-Z_]*=/m);
    }
  });
});
