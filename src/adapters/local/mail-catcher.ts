// The local run's inbox: MailDev (a maintained mail catcher with a web inbox and a REST API: `GET /email`
// lists what arrived) in a child process of the local run, on this machine only, and a stand-in for
// Microsoft Graph's sendMail that hands each message the bot sends to it over SMTP. The bot sends mail
// exactly as it does in production; only the address it posts to differs.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";

import { createTransport } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";

import { stopChild } from "./child-process";
import { listenOnLoopback } from "./loopback";

export interface MailCatcher {
  /** The web inbox, e.g. http://127.0.0.1:1080; `GET <inbox>/email` lists the e-mails as JSON. */
  readonly inboxUrl: string;
  /** What GRAPH_BASE_URL names for the bot: the sendMail stand-in. */
  readonly graphBaseUrl: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(options: {
  readonly webPort: number;
  readonly smtpPort: number;
}): Promise<MailCatcher> {
  const child = spawnMailDev(options.webPort, options.smtpPort);
  const inboxUrl = `http://127.0.0.1:${options.webPort}`;
  try {
    await untilAnswering(child, `${inboxUrl}/email`);
  } catch (error) {
    child.kill();
    throw error;
  }
  const smtp = createTransport({ host: "127.0.0.1", port: options.smtpPort, secure: false, ignoreTLS: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      relay(req, Buffer.concat(chunks).toString("utf8"), smtp).then(
        (status) => {
          res.writeHead(status);
          res.end();
        },
        () => {
          res.writeHead(503);
          res.end();
        },
      );
    });
  });
  const graphBaseUrl = `http://127.0.0.1:${await listenOnLoopback(server)}/v1.0`;
  return {
    inboxUrl,
    graphBaseUrl,
    stop: async () => {
      smtp.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopChild(child);
    },
  };
}

/** Graph's `POST /users/{sender}/sendMail` with a base64 MIME body, passed on to the inbox; 202 as Graph answers. */
async function relay(
  req: http.IncomingMessage,
  body: string,
  smtp: ReturnType<typeof createTransport>,
): Promise<number> {
  const match = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(req.url ?? "");
  if (req.method !== "POST" || !match?.[1]) return 404;
  const sender = decodeURIComponent(match[1]);
  const mime = Buffer.from(body, "base64").toString("utf8");
  const recipients = recipientsOf(mime);
  if (recipients.length === 0) return 400;
  await smtp.sendMail({ envelope: { from: sender, to: recipients }, raw: mime });
  return 202;
}

/** The To and Cc addresses of a MIME message's headers. */
function recipientsOf(mime: string): string[] {
  const headers = (mime.split(/\r?\n\r?\n/, 1)[0] ?? "").replace(/\r?\n[ \t]+/g, " ");
  return headers
    .split(/\r?\n/)
    .filter((line) => /^(to|cc):/i.test(line))
    .flatMap((line) => addressparser(line.slice(line.indexOf(":") + 1), { flatten: true }))
    .map((entry) => entry.address)
    .filter((address): address is string => typeof address === "string" && address !== "");
}

function spawnMailDev(webPort: number, smtpPort: number): ChildProcess {
  // Its own process: MailDev's server is one per process and stops the process on SIGINT and SIGTERM.
  const cli = path.join(path.dirname(require.resolve("maildev/package.json")), "bin", "maildev");
  if (!existsSync(cli)) throw new Error("MailDev is not installed: run npm install");
  return spawn(
    process.execPath,
    [
      cli,
      "--smtp",
      String(smtpPort),
      "--ip",
      "127.0.0.1",
      "--web",
      String(webPort),
      "--web-ip",
      "127.0.0.1",
      "--silent",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
}

async function untilAnswering(child: ChildProcess, url: string): Promise<void> {
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the mail catcher stopped: ${stderr}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error("the mail catcher did not start within 30 seconds");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
