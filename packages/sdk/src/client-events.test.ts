import { describe, expect, it } from "vitest";
import { createGatehouseClient } from "./create-gatehouse-client.js";
import { GatehouseApiError } from "./gatehouse-api-error.js";

const TENANT = "ten_aaaaaaaaaaaaaaaaaaaa";

/** A streamed answer whose body arrives in the given chunks (split anywhere, as a network would). */
const streamed = (chunks: string[], status = 200) =>
  new Response(
    new ReadableStream({
      start(c) {
        for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
        c.close();
      },
    }),
    { status, headers: { "content-type": "text/event-stream" } },
  );

describe("client.events", () => {
  it("sends the bearer token and the query, and yields each event of the stream as it is parsed", async () => {
    const sent: Array<{ url: string; headers: Record<string, string> }> = [];
    const fetch = (async (url: string, init?: RequestInit) => {
      sent.push({ url: String(url), headers: { ...(init?.headers as Record<string, string>) } });
      return streamed([
        "retry: 3000\nevent: ready\ndata: {}\n\n: ping\n\nevent: us",
        'age\ndata: {"at":5}\n\n',
      ]);
    }) as typeof globalThis.fetch;
    const client = createGatehouseClient({ baseUrl: "http://gw.test", accessToken: "eyJ.a", fetch });
    const events = [];
    for await (const e of client.events("usage.live", {
      params: { tenantId: TENANT },
      query: { maxSeconds: 5 },
    })) {
      events.push(e);
    }
    expect(events).toEqual([
      { event: "ready", data: "{}" },
      { event: "usage", data: '{"at":5}' },
    ]);
    expect(sent[0]!.url).toBe(`http://gw.test/api/tenants/${TENANT}/usage/live?maxSeconds=5`);
    expect(sent[0]!.headers.authorization).toBe("Bearer eyJ.a");
    expect(sent[0]!.headers.accept).toBe("text/event-stream");
  });

  it("throws the API error of a refused stream, and `call` refuses an event-stream operation", async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: { code: "rate_limited", message: "At most 20" } }), {
        status: 429,
        headers: { "content-type": "application/json" },
      })) as typeof globalThis.fetch;
    const client = createGatehouseClient({ baseUrl: "http://gw.test", accessToken: "eyJ.a", fetch });
    const read = async () => {
      for await (const _ of client.events("usage.live", { params: { tenantId: TENANT } })) {
        // nothing arrives
      }
    };
    await expect(read()).rejects.toBeInstanceOf(GatehouseApiError);
    await expect(read()).rejects.toMatchObject({ status: 429, code: "rate_limited" });
    await expect(client.call("usage.live", { params: { tenantId: TENANT } })).rejects.toThrow(/event stream/);
  });
});
