// The functions a Functions entry registers with the host when it loads: the entry is loaded in isolation
// with @azure/functions replaced by a recorder, in local mode so that its configuration check passes.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

export interface Registrations {
  readonly http: string[];
  readonly timer: string[];
}

/** The source entry, as the tests compile it. */
export const SOURCE_ENTRY = path.resolve(__dirname, "../../src/hosts/functions");

export function registrationsOf(entry: string = SOURCE_ENTRY): Registrations {
  const registered: Registrations = { http: [], timer: [] };
  const saved = { LOCAL_MODE: process.env["LOCAL_MODE"], COSMOS_ENDPOINT: process.env["COSMOS_ENDPOINT"] };
  process.env["LOCAL_MODE"] = "true";
  process.env["COSMOS_ENDPOINT"] = "https://127.0.0.1:8081";
  try {
    jest.isolateModules(() => {
      jest.doMock("@azure/functions", () => ({
        app: {
          http: (name: string) => registered.http.push(name),
          timer: (name: string) => registered.timer.push(name),
          hook: { appTerminate: () => undefined },
        },
      }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded in isolation, after the host is mocked
      require(entry);
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
  return registered;
}

/**
 * The functions a built entry registers when Node loads it in a process of its own (the bundle loads its
 * code outside the test runner's module registry, where a mock cannot reach): @azure/functions is replaced
 * in Node's module cache by a recorder before the entry is required.
 */
export async function registrationsOfBuilt(entry: string): Promise<Registrations> {
  const script = `
    const id = require.resolve("@azure/functions");
    const registered = { http: [], timer: [] };
    require.cache[id] = { id, filename: id, loaded: true, exports: { app: {
      http: (name) => registered.http.push(name),
      timer: (name) => registered.timer.push(name),
      hook: { appTerminate: () => undefined },
    } } };
    require(${JSON.stringify(entry)});
    process.stdout.write(JSON.stringify(registered));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", script], {
    cwd: path.resolve(__dirname, "../.."),
    env: { PATH: process.env["PATH"], LOCAL_MODE: "true", COSMOS_ENDPOINT: "https://127.0.0.1:8081" },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Registrations;
}
