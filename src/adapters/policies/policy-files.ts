// Reads policy files from disk and checks them; the shipped policies live in the package's `policies/` folder.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { checkPolicy, type Policy, type PolicyCheck } from "../../domain/policy";

export type PolicyFileCheck = PolicyCheck & { readonly file: string };

/** The package's own `policies/` folder, found from this file whether it runs from `src/` or `dist/src/`. */
export function shippedPolicyDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, "policies");
    if (existsSync(path.join(dir, "package.json")) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the policies folder of the package");
    dir = parent;
  }
}

export function checkPolicyFile(file: string): PolicyFileCheck {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return { ok: false, file, problems: [{ path: "(file)", message: `cannot read the file (${code})` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      file,
      problems: [
        {
          path: "(file)",
          message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  return { ...checkPolicy(json), file };
}

/** Every policy in a folder, by id. A broken file stops the load: a council must not run on a policy it did not mean. */
export function loadPolicies(dir: string = shippedPolicyDir()): Map<string, Policy> {
  const policies = new Map<string, Policy>();
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    const check = checkPolicyFile(path.join(dir, name));
    if (!check.ok) {
      throw new Error(
        `policy file ${name} is invalid: ${check.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      );
    }
    if (policies.has(check.policy.id)) throw new Error(`policy id "${check.policy.id}" is used by two files`);
    policies.set(check.policy.id, check.policy);
  }
  return policies;
}
