import type { lookup as dnsLookup, LookupAddress } from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parsePrivateUpstreamAllowList } from "./private-upstream-allow-list.js";
import { SSRF_BLOCKED_CODE } from "./ssrf-blocked-error.js";
import { type SsrfGuardOptions, ssrfGuard } from "./ssrf-guard.js";

let server: Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  server = createServer((_req, res) => res.end("ok"));
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  connections = 0;
});

/** A resolver answering from a table (one or several addresses per name), in both lookup forms. */
function fakeLookup(table: Record<string, string[]>, seen: string[] = []): typeof dnsLookup {
  return ((hostname: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    seen.push(hostname);
    const list = table[hostname];
    if (!list) return cb(Object.assign(new Error("not found"), { code: "ENOTFOUND" }));
    const all: LookupAddress[] = list.map((a) => ({ address: a, family: a.includes(":") ? 6 : 4 }));
    if (options.all) cb(null, all);
    else cb(null, all[0]!.address, all[0]!.family);
  }) as unknown as typeof dnsLookup;
}

async function get(
  origin: string,
  options: SsrfGuardOptions,
): Promise<{ status: number } | { code: string }> {
  const agent = new Agent({ connect: ssrfGuard({ ...options, connect: { timeout: 2_000 } }) });
  try {
    const res = await agent.request({ origin, path: "/", method: "GET" });
    await res.body.text();
    return { status: res.statusCode };
  } catch (err) {
    return { code: String((err as { code?: unknown }).code) };
  } finally {
    await agent.close();
  }
}

describe("ssrfGuard", () => {
  it("refuses a loopback IP literal before any connection is made", async () => {
    expect(await get(`http://127.0.0.1:${port}`, {})).toEqual({ code: SSRF_BLOCKED_CODE });
    expect(connections).toBe(0);
  });

  it("refuses the cloud metadata address and IPv6 loopback literals", async () => {
    expect(await get("http://169.254.169.254", {})).toEqual({ code: SSRF_BLOCKED_CODE });
    expect(await get(`http://[::1]:${port}`, {})).toEqual({ code: SSRF_BLOCKED_CODE });
    expect(await get(`http://[::ffff:127.0.0.1]:${port}`, {})).toEqual({ code: SSRF_BLOCKED_CODE });
  });

  it("connects to a private address when allowPrivate is set (tests, development)", async () => {
    expect(await get(`http://127.0.0.1:${port}`, { allowPrivate: true })).toEqual({ status: 200 });
    expect(connections).toBe(1);
  });

  it("still refuses metadata when allowPrivate is set", async () => {
    expect(await get("http://169.254.169.254", { allowPrivate: true })).toEqual({ code: SSRF_BLOCKED_CODE });
  });

  it("checks the address a name resolves to at connect time, not an earlier answer (DNS rebinding)", async () => {
    const seen: string[] = [];
    let calls = 0;
    const flipping = ((host: string, options: { all?: boolean }, cb: (...a: unknown[]) => void) => {
      // A validator asking first would be told a public address; the connection gets loopback.
      const address = calls++ === 0 ? "93.184.216.34" : "127.0.0.1";
      return fakeLookup({ [host]: [address] }, seen)(host, options as never, cb as never);
    }) as unknown as typeof dnsLookup;
    flipping("rebind.test", {}, () => {});
    expect(await get(`http://rebind.test:${port}`, { lookup: flipping })).toEqual({
      code: SSRF_BLOCKED_CODE,
    });
    expect(seen).toEqual(["rebind.test", "rebind.test"]);
    expect(connections).toBe(0);
  });

  it("refuses a name when any of its addresses is forbidden", async () => {
    const lookup = fakeLookup({ "mixed.test": ["93.184.216.34", "10.0.0.7"] });
    expect(await get(`http://mixed.test:${port}`, { lookup })).toEqual({ code: SSRF_BLOCKED_CODE });
  });

  it("connects through a name that resolves to an allowed address", async () => {
    const lookup = fakeLookup({ "local.test": ["127.0.0.1"] });
    expect(await get(`http://local.test:${port}`, { lookup, allowPrivate: true })).toEqual({ status: 200 });
  });

  it("passes DNS failures through unchanged", async () => {
    expect(await get("http://nowhere.test", { lookup: fakeLookup({}) })).toEqual({ code: "ENOTFOUND" });
  });

  it("lets through exactly what the operator's allow-list names: ranges by address, host:port by name", async () => {
    const ranges = parsePrivateUpstreamAllowList("127.0.0.0/8");
    expect(await get(`http://127.0.0.1:${port}`, { allowList: ranges })).toEqual({ status: 200 });
    const lookup = fakeLookup({ "inference.internal": ["127.0.0.1"], "other.internal": ["127.0.0.1"] });
    expect(await get(`http://inference.internal:${port}`, { lookup, allowList: ranges })).toEqual({
      status: 200,
    });
    const pair = parsePrivateUpstreamAllowList(`inference.internal:${port}`);
    expect(await get(`http://inference.internal:${port}`, { lookup, allowList: pair })).toEqual({
      status: 200,
    });
    expect(await get(`http://other.internal:${port}`, { lookup, allowList: pair })).toEqual({
      code: SSRF_BLOCKED_CODE,
    });
    expect(await get(`http://127.0.0.1:${port}`, { allowList: pair })).toEqual({ code: SSRF_BLOCKED_CODE });
    expect(await get("http://169.254.169.254", { allowList: ranges })).toEqual({ code: SSRF_BLOCKED_CODE });
  });
});
