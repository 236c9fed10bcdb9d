import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExchangeAbort } from "./exchange-abort.js";

describe("ExchangeAbort", () => {
  let server: Server;
  let origin: string;
  const agent = new Agent();
  beforeAll(async () => {
    // Answers headers, then never finishes the body: only an abort ends the exchange.
    server = createServer((_req, res) => res.writeHead(200).write("partial"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await agent.close();
  });

  it("aborts an undici request before its headers, with its reason", async () => {
    const abort = new ExchangeAbort();
    const reason = new Error("deadline");
    abort.abort(reason);
    await expect(agent.request({ origin, path: "/", method: "GET", signal: abort.asSignal })).rejects.toBe(
      reason,
    );
  });

  it("aborts the body of an undici response in flight, and runs each listener once", async () => {
    const abort = new ExchangeAbort();
    const res = await agent.request({ origin, path: "/", method: "GET", signal: abort.asSignal });
    let calls = 0;
    abort.once("abort", () => calls++);
    const reading = res.body.text();
    abort.abort(new Error("client left"));
    abort.abort(new Error("again"));
    await expect(reading).rejects.toThrow("client left");
    expect({ aborted: abort.aborted, reason: (abort.reason as Error).message, calls }).toEqual({
      aborted: true,
      reason: "client left",
      calls: 1,
    });
  });

  it("does not call a listener removed before the abort", () => {
    const abort = new ExchangeAbort();
    let called = false;
    const fn = () => {
      called = true;
    };
    abort.on("abort", fn).removeListener("abort", fn);
    abort.abort();
    expect(called).toBe(false);
  });
});
