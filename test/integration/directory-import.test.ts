/**
 * `escalation-admin directory import` and `directory check` as an administrator runs them: the real
 * `bin/escalation-admin.js` in a child process, with no terminal input, against the Cosmos DB test server.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import type { CosmosClient } from "@azure/cosmos";

import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { DIRECTORY } from "../../src/adapters/cosmos/containers";
import { CosmosDirectoryStore } from "../../src/adapters/cosmos/cosmos-directory-store";
import { isLocalEndpoint } from "../../src/config";
import { type DirectoryData, directorySchema } from "../../src/domain/directory";
import { RecordingLogger } from "../fakes/recording-logger";
import { ensureBuilt, ROOT } from "../support/build";
import { type CosmosTestServer, startCosmosServer } from "../support/cosmos-server";

const BIN = path.join(ROOT, "bin/escalation-admin.js");
const EXAMPLE = "examples/directory.json";
const BROKEN = "test/fixtures/directories/broken.json";

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI without blocking this process, which also serves the Cosmos DB server the CLI talks to.
 * Only the variables it needs are passed, so a developer's own COSMOS_* settings cannot leak in.
 */
function admin(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** The file's content as the store gives it back: defaults filled in, people and teams in id order. */
function normalised(file: string): DirectoryData {
  const data = directorySchema.parse(JSON.parse(readFileSync(path.join(ROOT, file), "utf8")));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { ...data, people: [...data.people].sort(byId), teams: [...data.teams].sort(byId) };
}

describe("escalation-admin directory", () => {
  let server: CosmosTestServer;
  let client: CosmosClient;
  let env: Record<string, string>;
  const databaseId = `directory-${randomUUID()}`;

  beforeAll(async () => {
    await ensureBuilt();
    server = await startCosmosServer();
    client = createCosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      allowSelfSignedCertificate: isLocalEndpoint(server.endpoint),
    });
    env = { COSMOS_ENDPOINT: server.endpoint, COSMOS_KEY: server.key, COSMOS_DATABASE: databaseId };
  }, 180_000);

  afterAll(async () => {
    try {
      await client.database(databaseId).delete();
    } finally {
      client.dispose();
      await server.stop();
    }
  });

  function stored(): Promise<DirectoryData> {
    const container = client.database(databaseId).container(DIRECTORY.id);
    return new CosmosDirectoryStore(container, new RecordingLogger()).load();
  }

  it("imports the example directory, then finds it all unchanged on a second import", async () => {
    const first = await admin(["directory", "import", EXAMPLE], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `${EXAMPLE}: 33 people, 3 teams, 3 agencies, 11 council roles; fit for dorset-qaro`,
    );
    // One document per person, per team and per agency, and one for the council's roles: 33 + 3 + 3 + 1.
    expect(first.stdout).toContain(
      `Imported into ${databaseId}: 40 added, 0 updated, 0 removed, 0 unchanged.`,
    );
    expect(await stored()).toEqual(normalised(EXAMPLE));

    const second = await admin(["directory", "import", EXAMPLE], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `Imported into ${databaseId}: 0 added, 0 updated, 0 removed, 40 unchanged.`,
    );
    expect(await stored()).toEqual(normalised(EXAMPLE));
  });

  it("refuses a broken directory with every problem listed and leaves the stored one as it was", async () => {
    const before = await stored();
    expect(before.people).toHaveLength(33);

    const result = await admin(["directory", "import", BROKEN], env);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${BROKEN}: 3 problems (checked against dorset-qaro)`);
    expect(result.stderr).toContain('duplicate person "e23fe4f8-cdde-577a-a634-d88326de9979"');
    expect(result.stderr).toContain('Ben Hughes is in unknown team "west-cic"');
    expect(result.stderr).toContain('team "south-cic" has no Service Manager');
    expect(result.stderr).toContain("Nothing was imported.");
    expect(await stored()).toEqual(before);
  });

  it("checks a CSV directory with team roles scoped to several teams, and refuses a CSV with an unknown column", async () => {
    const csv = "test/fixtures/directories/directory.csv";
    const good = await admin(["directory", "check", csv]);
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
    expect(good.stdout).toBe(`${csv}: 11 people, 2 teams, 5 council roles; fit for dorset-qaro\n`);

    const unknown = "test/fixtures/directories/unknown-column.csv";
    const bad = await admin(["directory", "check", unknown]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("not a valid directory CSV: unknown column department");
  });

  it("checks the example directory's CSV, with the partnership's agencies, as fit for the multi-agency process", async () => {
    const csv = "examples/directory.csv";
    const checked = await admin(["directory", "check", csv, "--policy", "multi-agency"]);
    expect(checked.stderr).toBe("");
    expect(checked.code).toBe(0);
    expect(checked.stdout.split("\n")[0]).toBe(
      `${csv}: 33 people, 3 teams, 3 agencies, 11 council roles; fit for multi-agency`,
    );
  });

  it("says who is reached by e-mail only, and refuses someone with no Teams account and no address", async () => {
    const csv = "test/fixtures/directories/with-partners.csv";
    const good = await admin(["directory", "check", csv]);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe(
      [
        `${csv}: 13 people, 2 teams, 5 council roles; fit for dorset-qaro`,
        "2 people are reached by e-mail only (no Teams account):",
        "  p-police  Sgt Alan Wright, Dorset Police  <alan.wright@police.example.uk>",
        "  p-school  Joan Marsh, Hillside Primary School  <joan.marsh@school.example.uk>",
        "",
      ].join("\n"),
    );

    const unreachable = "test/fixtures/directories/partner-without-email.csv";
    const bad = await admin(["directory", "check", unreachable]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      "Dr Omar Hale has no Teams account and no e-mail address, so nothing can reach them",
    );
  });
});
