// A server of this machine's own (a stand-in, a fake, a local inbox) listening on a free loopback port.
import type { Server } from "node:net";

/** Starts `server` on 127.0.0.1 at a port the system picks, and gives that port; a failure to listen throws. */
export function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("not listening on a port"));
      else resolve(address.port);
    });
  });
}
