import { writeSse } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { SocketResponse } from "./socket-response.js";
import { FakeSocket } from "./testing/fake-socket.js";

function open(highWaterMark = 1024) {
  const ws = new FakeSocket();
  const finished: unknown[] = [];
  const res = new SocketResponse(ws.asWebSocket, highWaterMark, (r) => finished.push(r));
  return { ws, res, finished };
}

const event = (type: string, extra: Record<string, unknown> = {}) =>
  writeSse({ event: type, data: JSON.stringify({ type, ...extra }) });

describe("SocketResponse", () => {
  it("sends each SSE event's data as one message, however the bytes are split", () => {
    const { ws, res, finished } = open();
    const completed = { id: "resp_1", output: [{ type: "message" }] };
    const text =
      event("response.created", { sequence_number: 0 }) +
      event("response.output_text.delta", { delta: "Hé" }) +
      event("response.completed", { response: completed });
    const bytes = Buffer.from(text);
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (let i = 0; i < bytes.length; i += 7) res.write(bytes.subarray(i, i + 7));
    res.end();
    expect(ws.sent.map((m) => JSON.parse(m).type)).toEqual([
      "response.created",
      "response.output_text.delta",
      "response.completed",
    ]);
    expect(JSON.parse(ws.sent[1]!).delta).toBe("Hé");
    expect(finished).toEqual([completed]);
    expect(res.writableFinished).toBe(true);
  });

  it("turns an HTTP error answer into one error event with its status and retry-after", () => {
    const { ws, res, finished } = open();
    res.setHeader("x-ratelimit-limit-requests", "1");
    res.writeHead(429, { "retry-after": "7", "content-type": "application/json" });
    res.end(
      JSON.stringify({
        error: { message: "slow down", type: "rate_limit_error", param: null, code: "rate_limited" },
      }),
    );
    expect(ws.sent.map((m) => JSON.parse(m))).toEqual([
      {
        type: "error",
        status: 429,
        error: { message: "slow down", type: "rate_limit_error", param: null, code: "rate_limited" },
        headers: { "retry-after": "7" },
      },
    ]);
    expect(finished).toEqual([]);
  });

  it("reports a full socket and drains once its bytes are taken", () => {
    const { ws, res } = open(16);
    res.writeHead(200);
    let drained = 0;
    res.on("drain", () => drained++);
    expect(res.write(event("response.output_text.delta", { delta: "long enough to pass 16 bytes" }))).toBe(
      false,
    );
    expect(drained).toBe(0);
    ws.flush();
    expect(drained).toBe(1);
    expect(res.write(":\n\n")).toBe(true);
  });

  it("tells the pipeline when the client goes away mid-answer, and sends nothing after", () => {
    const { ws, res } = open();
    res.writeHead(200);
    let closed = 0;
    res.on("close", () => closed++);
    res.write(event("response.created"));
    ws.terminate();
    expect(closed).toBe(1);
    expect(res.destroyed).toBe(true);
    expect(res.write(event("response.in_progress"))).toBe(false);
    expect(ws.sent).toHaveLength(1);
  });
});
