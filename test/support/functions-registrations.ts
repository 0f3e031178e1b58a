// The functions a Functions entry registers with the host when it loads: the entry is loaded in isolation
// with @azure/functions replaced by a recorder, in local mode so that its configuration check passes.
import path from "node:path";

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
