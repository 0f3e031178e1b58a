// `escalation-admin record ESC-… --out FILE`: the record for the child's file, from the stored escalation,
// through the real Cosmos DB client; an unknown reference is refused and writes nothing.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { reference } from "../../src/adapters/cards/render";
import { createCosmosClient } from "../../src/adapters/cosmos/client";
import { ESCALATIONS } from "../../src/adapters/cosmos/containers";
import { CosmosEscalationStore } from "../../src/adapters/cosmos/cosmos-escalation-store";
import { ensureContainers } from "../../src/adapters/cosmos/provision";
import { main } from "../../src/cli/escalation-admin";
import { RecordingLogger } from "../fakes/recording-logger";
import { type CosmosTestServer, startCosmosServer } from "../support/cosmos-server";
import { flatText, readPdf } from "../support/pdf-text";
import { twoStageJourney } from "../unit/cards/support";

let server: CosmosTestServer;
let env: Record<string, string>;
const escalation = { ...twoStageJourney().escalation, id: randomUUID() };

beforeAll(async () => {
  server = await startCosmosServer();
  env = {
    COSMOS_ENDPOINT: server.endpoint,
    COSMOS_KEY: server.key,
    COSMOS_DATABASE: `record-${randomUUID()}`,
  };
  const client = createCosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    allowSelfSignedCertificate: true,
  });
  const database = await ensureContainers(client, env["COSMOS_DATABASE"]!);
  await new CosmosEscalationStore(database.container(ESCALATIONS.id), new RecordingLogger()).create(
    escalation,
  );
  client.dispose();
});

afterAll(async () => {
  await server.stop();
});

async function admin(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(
    args,
    { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    env,
  );
  return { code, stdout, stderr };
}

it("writes the record of the escalation a reference names, every response in it", async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "record-")), "Escalation_CIC.pdf");

  const result = await admin(["record", reference(escalation.id), "--out", out]);

  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout).toContain("the policy names it Escalation_CIC.pdf");
  const text = flatText(await readPdf(readFileSync(out)));
  for (const stage of escalation.stages) expect(text).toContain(stage.response!.whatDone);
});

it("refuses a reference that names no escalation, and writes nothing", async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "record-")), "none.pdf");

  const result = await admin(["record", "ESC-00000000", "--out", out]);

  expect(result.code).toBe(1);
  expect(result.stderr).toContain("no escalation ESC-00000000");
  expect(existsSync(out)).toBe(false);
  expect((await admin(["record", "ESC-00000000"])).code).toBe(2);
});
