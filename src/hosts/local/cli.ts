// `npm start`: the local run. Options come from flags or the environment (see .env.example); Ctrl-C stops
// everything and, with --keep-data, saves the store for the next start.
import path from "node:path";
import { parseArgs } from "node:util";

import { AcceleratedClock } from "../../adapters/local/accelerated-clock";
import { jsonLogger } from "../../adapters/logging";
import { localSettings } from "./local-settings";
import { startLocal } from "./local-stack";

export const DEFAULT_PLAYGROUND_PEOPLE = [
  "Priya Shah",
  "Daniel Reid",
  "George Patel",
  "Hannah Brooks",
  "Julia Fenwick",
  "Helen Marsh",
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "playground-port": { type: "string" },
      policy: { type: "string" },
      "keep-data": { type: "boolean" },
      fresh: { type: "boolean" },
      "clock-speed": { type: "string" },
      "clock-start": { type: "string" },
      "no-playground": { type: "boolean" },
      "no-mail": { type: "boolean" },
    },
  });
  const env = localSettings.parse({
    ...process.env,
    ...(values.port ? { LOCAL_BOT_PORT: values.port } : {}),
    ...(values["playground-port"] ? { LOCAL_PLAYGROUND_PORT: values["playground-port"] } : {}),
    ...(values.policy ? { POLICY: values.policy } : {}),
    ...(values["keep-data"] ? { LOCAL_KEEP_DATA: "true" } : {}),
    ...(values.fresh ? { LOCAL_KEEP_DATA: "false" } : {}),
    ...(values["clock-speed"] ? { LOCAL_CLOCK_SPEED: values["clock-speed"] } : {}),
    ...(values["clock-start"] ? { LOCAL_CLOCK_START: values["clock-start"] } : {}),
  });
  const people = values["no-playground"]
    ? []
    : (env.LOCAL_PLAYGROUND_PEOPLE?.split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "") ?? DEFAULT_PLAYGROUND_PEOPLE);
  const logger = jsonLogger();
  const stack = await startLocal(
    {
      botPort: env.LOCAL_BOT_PORT,
      playgroundPort: env.LOCAL_PLAYGROUND_PORT,
      policy: env.POLICY,
      directoryFile: path.resolve(env.LOCAL_DIRECTORY_FILE),
      dataDir: path.resolve(env.LOCAL_DATA_DIR),
      keepData: env.LOCAL_KEEP_DATA === "true",
      clock: new AcceleratedClock(env.LOCAL_CLOCK_SPEED, env.LOCAL_CLOCK_START),
      reminderIntervalMs: env.LOCAL_REMINDER_INTERVAL_SECONDS * 1000,
      playgroundPeople: people,
      ...(values["no-mail"] || env.LOCAL_MAIL === "false"
        ? {}
        : { mail: { webPort: env.LOCAL_MAIL_PORT, smtpPort: env.LOCAL_SMTP_PORT } }),
      env: process.env,
    },
    logger,
  );
  const lines = [
    "",
    `The escalation bot is running (policy ${env.POLICY}) at ${stack.host.url}`,
    ...(stack.playgrounds.length > 0
      ? [
          "Open the Agents Playground as:",
          ...stack.playgrounds.map((p) => `  ${p.user.name.padEnd(16)} ${p.url}`),
        ]
      : []),
    ...(stack.mail ? [`Open the e-mails at ${stack.mail.inboxUrl}`] : []),
    "Type help in the chat to start. Ctrl-C stops everything.",
    "",
  ];
  process.stderr.write(lines.join("\n"));
  const stop = () => {
    process.stderr.write("\nStopping...\n");
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The local run could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
