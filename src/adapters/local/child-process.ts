// The local run's helper processes (the playgrounds, the mail catcher) are stopped the same way: asked to
// stop, then killed if they have not within five seconds.
import type { ChildProcess } from "node:child_process";

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5000).unref();
  });
}
