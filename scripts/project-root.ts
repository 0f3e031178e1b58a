// The repository's root, found from this file whether it runs from `scripts/` (tests) or `dist/scripts/`.
import { existsSync } from "node:fs";
import path from "node:path";

export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "appPackage"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the project's root (package.json beside appPackage/)");
    dir = parent;
  }
}
