import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIStreamPipe } from "../../openai/openai-stream-pipe.js";
import { openAISurface } from "../../openai/openai-surface.js";
import { relayStream } from "../../pipeline/relay-stream.js";
import { openExchange } from "../../pipeline/testing/open-exchange.js";
import { startUnitRuntime, type UnitRuntime } from "../../pipeline/testing/start-unit-runtime.js";
import { UnitCatalog } from "../../pipeline/testing/unit-catalog.js";
import { SocketResponse } from "./socket-response.js";
import { FakeSocket } from "./testing/fake-socket.js";

let u: UnitRuntime;
let openai: FakeServer;

beforeAll(async () => {
  openai = await startFakeOpenAI({ chunkDelayMs: 2 });
  u = await startUnitRuntime();
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("oai", "openai", openai.url)
    .model("gpt", [{ provider: "oai" }])
    .build();
});
afterAll(async () => {
  await u?.close();
  await openai?.close();
});

// The relay over a socket that takes nothing: it stops reading the upstream until the socket drains,
// instead of holding the whole stream in memory.
describe("SocketResponse backpressure through the relay", () => {
  it("stops reading the upstream while the socket is full, and relays everything once it drains", async () => {
    const ws = new FakeSocket();
    const res = new SocketResponse(ws.asWebSocket, 16, () => {});
    const { exchange, scope } = await openExchange(u, res, "gpt", {
      stream: true,
      headers: { "x-fake-chunks": "200" },
    });
    const pipe = new OpenAIStreamPipe(false, openAISurface.errors, "oai");
    let pushes = 0;
    const push = pipe.push.bind(pipe);
    pipe.push = (chunk) => {
      pushes++;
      return push(chunk);
    };
    let done = false;
    const relayed = relayStream(scope, u.rt.now, exchange, res, pipe, openAISurface.errors, [], 20).finally(
      () => {
        done = true;
      },
    );
    // 200 chunks 2 ms apart: unread, the relay stays at its first chunk.
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    expect(pushes).toBeLessThanOrEqual(2);
    const taking = setInterval(() => ws.flush(), 1);
    const outcome = await relayed;
    clearInterval(taking);
    expect(outcome).toMatchObject({ status: 200, interrupted: false });
    expect(pushes).toBeGreaterThan(2);
    // Every chunk went out as a message: 200 words, the role chunk, the finish and usage chunks.
    const deltas = ws.sent.filter((m) => m !== "[DONE]" && JSON.parse(m).choices?.[0]?.delta?.content);
    expect(deltas).toHaveLength(200);
  });
});
