// `npm run screenshot`: the picture of the Agents Playground in the README. It starts the local run, has the
// sample IRO raise a concern through the playground's HTTP API, opens the Team Manager's playground in
// headless Chromium (Debian's `chromium`, installed here if missing) and saves the stage card the Team
// Manager received as docs/images/playground-stage-card.png, and the Team Manager's e-mail in the local
// inbox as docs/images/email-stage.png.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { type BrowserContext, chromium } from "playwright-core";

import { silentLogger } from "../src/adapters/logging";
import type { Clock } from "../src/domain/ports";
import { type LocalStack, startLocal } from "../src/hosts/local/local-stack";
import { freePort } from "../test/support/free-port";
import { PlaygroundClient } from "../test/support/playground-client";
import { projectRoot } from "./project-root";

const CHROMIUM = "/usr/bin/chromium";
const IRO = "Priya Shah";
const TEAM_MANAGER = "Daniel Reid";
const HEADLINE = "You are asked to respond: Level 1";
/** A Wednesday in working hours, so the picture is the same on every run. */
const NOW = "2026-11-04T10:00:00.000Z";

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  process.stderr.write(`${CHROMIUM} is missing: installing Debian's chromium with apt-get.\n`);
  const result = spawnSync("sh", ["-c", "apt-get update && apt-get install -y chromium"], {
    stdio: "inherit",
  });
  if (result.status !== 0 || !existsSync(CHROMIUM)) {
    throw new Error(
      "chromium could not be installed: run `apt-get update && apt-get install -y chromium` as root",
    );
  }
}

async function raiseAsIro(iro: PlaygroundClient): Promise<void> {
  await iro.install();
  await iro.receive(1);
  await iro.send("raise");
  const [form] = await iro.receive(1);
  if (!form) throw new Error("the bot sent no form");
  const answer = await iro.press(
    form,
    { verb: "raise" },
    {
      childName: "Jamie Lee",
      caseId: "LCS-104233",
      dateOfBirth: "2014-03-09",
      legalStatus: "CIC",
      teamId: "north-cic",
      socialWorkerId: "e23fe4f8-cdde-577a-a634-d88326de9979",
      teamManagerId: "dabdf29d-bc49-5eec-974c-4c30e2c34b3c",
      categories: "care-plan-implementation",
      summary: "The care plan's family time arrangements have not been reviewed since the last review.",
      impactOnChild: "Jamie has not seen his brother for three months.",
      requestedWhat: "Review the family time arrangements and agree a plan.",
      requestedWho: "Amy Clarke with Daniel Reid",
      requestedByWhen: "2026-11-18",
      outcomeSought: "childs-plan-on-track",
      startStageId: "stage-1",
    },
  );
  if (answer.status !== 200 || !answer.card) {
    throw new Error(`the bot did not raise the concern: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

async function main(): Promise<void> {
  ensureChromium();
  const root = projectRoot();
  const output = path.join(root, "docs/images/playground-stage-card.png");
  const work = mkdtempSync(path.join(os.tmpdir(), "escalation-screenshot-"));
  const clock: Clock = { now: () => NOW };
  let stack: LocalStack | undefined;
  let browser: BrowserContext | undefined;
  const clients: PlaygroundClient[] = [];
  try {
    stack = await startLocal(
      {
        botPort: 0,
        playgroundPort: 0,
        policy: "dorset-qaro",
        directoryFile: path.join(root, "examples/directory.json"),
        dataDir: path.join(work, "data"),
        keepData: false,
        clock,
        reminderIntervalMs: 3_600_000,
        playgroundPeople: [IRO, TEAM_MANAGER],
        mail: { webPort: await freePort(), smtpPort: await freePort() },
        env: {},
      },
      silentLogger,
    );
    const [iroPlayground, managerPlayground] = stack.playgrounds;
    if (!iroPlayground || !managerPlayground) throw new Error("the playgrounds did not start");
    const iro = await PlaygroundClient.connect(iroPlayground.url);
    const manager = await PlaygroundClient.connect(managerPlayground.url);
    clients.push(iro, manager);

    // The page shows only what arrives while it is open, so it is opened before anything is sent.
    browser = await chromium.launchPersistentContext(path.join(work, "chromium-profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1280, height: 1400 },
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(managerPlayground.url, { waitUntil: "networkidle" });

    // Opening the page installs the app for its user (the playground sends the conversationUpdate itself).
    await manager.receive(1);
    await raiseAsIro(iro);
    await manager.receive(1);
    const headline = page.getByText(HEADLINE, { exact: true }).last();
    await headline.waitFor({ state: "visible", timeout: 30_000 });
    // The card whole, in the page as its user sees it: the log panel closed, the window as tall as the card.
    await page.getByTitle("Hide log panel").click();
    const card = page.locator(".ac-adaptiveCard", { has: headline }).last();
    // No DOM types here (the project compiles for Node): the elements are described by what is used.
    const height = await card.evaluate((element: { readonly scrollHeight: number }) => element.scrollHeight);
    await page.setViewportSize({ width: 1280, height: Math.max(900, Math.ceil(height) + 320) });
    await card.evaluate((element: { scrollIntoView(options: { block: "end" }): void }) => {
      element.scrollIntoView({ block: "end" });
    });
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    process.stderr.write(`Saved ${path.relative(root, output)}\n`);

    // The same stage, as the Team Manager's e-mail in the local inbox.
    const inbox = stack.mail?.inboxUrl;
    if (!inbox) throw new Error("the local inbox did not start");
    const emails = (await (await fetch(`${inbox}/email`)).json()) as { id: string; subject: string }[];
    const email = emails.find((e) => e.subject.startsWith("Action - Level 1 escalation"));
    if (!email) throw new Error("the Team Manager's e-mail is not in the local inbox");
    const mailPage = await browser.newPage();
    await mailPage.setViewportSize({ width: 1280, height: 1500 });
    await mailPage.goto(`${inbox}/#/email/${email.id}`, { waitUntil: "networkidle" });
    await mailPage.getByText(email.subject).first().waitFor({ state: "visible", timeout: 30_000 });
    const mailOutput = path.join(root, "docs/images/email-stage.png");
    await mailPage.screenshot({ path: mailOutput });
    process.stderr.write(`Saved ${path.relative(root, mailOutput)}\n`);
  } finally {
    await browser?.close();
    await Promise.all(clients.map((c) => c.close()));
    await stack?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`The screenshot failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
