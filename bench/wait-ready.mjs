// Waiting for a freshly started server, and finding free loopback ports for it.
import { once } from "node:events";
import { createServer } from "node:net";
import { request } from "undici";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP port free on 127.0.0.1 right now (the kernel picks it). */
export async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

/**
 * Polls `url` until it answers 200 (or `accept(status)`), failing when `child` exits or after `timeoutMs`
 * (then `child` is killed).
 *
 * @example
 * await waitForHttp("http://127.0.0.1:9001/readyz", { child, timeoutMs: 30_000 });
 */
export async function waitForHttp(url, { child, timeoutMs = 30_000, accept = (s) => s === 200 } = {}) {
  const deadline = performance.now() + timeoutMs;
  let last = "no answer";
  while (performance.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `${child.label ?? "server"} exited (${child.exitCode ?? child.signalCode}) before ready`,
      );
    }
    try {
      const { statusCode, body } = await request(url, { headersTimeout: 2000, bodyTimeout: 2000 });
      await body.dump();
      if (accept(statusCode)) return;
      last = `HTTP ${statusCode}`;
    } catch (error) {
      last = error.code ?? error.message;
    }
    await sleep(100);
  }
  // A server that never got ready must not stay behind on the server core.
  child?.kill("SIGKILL");
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}
