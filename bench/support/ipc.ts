// How the benchmark drives its server processes: each server runs in a child process of its own (so the
// load generator never shares its event loop, and each reports its own peak memory) and answers named
// commands over Node's IPC channel. The parent's side is typed by the child's handlers.
import { type ChildProcess, fork } from "node:child_process";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a handler's argument is typed by each server
export type Handlers = Record<string, (args: any) => Promise<unknown>>;

interface Call {
  readonly id: number;
  readonly cmd: string;
  readonly args: unknown;
}

type Reply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** In the child: answers the parent's calls with these handlers until the parent disconnects. */
export function serve(handlers: Handlers): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error("a benchmark server is started by bench/run.ts, not on its own");
  process.on("message", (message: Call) => {
    const handler = handlers[message.cmd];
    const reply = (value: Reply) => send(value);
    if (!handler) {
      reply({ id: message.id, ok: false, error: `unknown command ${message.cmd}` });
      return;
    }
    handler(message.args).then(
      (value) => reply({ id: message.id, ok: true, value }),
      (error: unknown) =>
        reply({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  process.on("disconnect", () => process.exit(0));
}

/** In the parent: a server child process and typed calls to it. */
export class Server<H extends Handlers> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly output: string[] = [];

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString("utf8"));
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(`${name}: ${reply.error}`));
    });
    child.on("exit", (code, signal) => {
      for (const waiting of this.pending.values()) {
        waiting.reject(
          new Error(`${name} exited (${String(code ?? signal)}):\n${this.output.join("").slice(-4000)}`),
        );
      }
      this.pending.clear();
    });
  }

  /** Starts `module` (a compiled file) as a child process with these extra Node options. */
  static start<H extends Handlers>(
    name: string,
    module: string,
    execArgv: readonly string[] = [],
  ): Server<H> {
    const child = fork(module, [], { execArgv: [...execArgv], stdio: ["ignore", "pipe", "pipe", "ipc"] });
    return new Server<H>(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<K extends keyof H & string>(cmd: K, args: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, cmd, args } satisfies Call);
    });
  }

  /** Disconnects; the child exits, and this resolves when it has. */
  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.disconnect();
    });
  }
}

/** The process's peak resident memory so far, in MiB. */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** CPU time (user and system) this process has used since `from` (a `process.cpuUsage()`), in ms. */
export function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}
