import { type FakeServer, startFakeOpenAIResponses } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { nativeResponsesProvider } from "./testing/native-responses-provider.js";
import { ResponsesSocketClient, responseOf } from "./testing/responses-socket-client.js";

// The WebSocket mode on the native path: an OpenAI provider with `responsesApi` gets each turn as a
// streamed POST /v1/responses holding the whole conversation (its events relayed as messages, unchanged),
// so a continuation works without the upstream storing anything.
describe("Responses WebSocket mode to a native Responses upstream", () => {
  let native: FakeServer;
  let gw: TestGateway;

  beforeAll(async () => {
    native = await startFakeOpenAIResponses();
    gw = await startTestGateway({
      retryPolicy: { maxAttempts: 1 },
      providers: [nativeResponsesProvider(native.url)],
    });
  });
  afterAll(async () => {
    await gw?.close();
    await native?.close();
  });

  it("relays the upstream's events and continues the conversation with its output items", async () => {
    const socket = await ResponsesSocketClient.open(gw.url, gw.key);
    const first = await socket.turn({ model: "gpt-5", input: "Say hello", store: false });
    expect(first[0]!.type).toBe("response.created");
    expect(first.at(-1)!.type).toBe("response.completed");
    const sent = native.requests[0]!.json as Record<string, unknown>;
    expect(sent).toMatchObject({
      model: "gpt-5",
      stream: true,
      input: "Say hello",
    });
    expect(sent).not.toHaveProperty("type");

    const second = await socket.turn({
      model: "gpt-5",
      previous_response_id: responseOf(first).id,
      input: "Again",
    });
    expect(second.at(-1)!.type).toBe("response.completed");
    const input = (native.requests[1]!.json as { input: Array<Record<string, unknown>> }).input;
    expect(input[0]).toEqual({
      type: "message",
      role: "user",
      content: [{ type: "input_text", text: "Say hello" }],
    });
    expect(input[1]).toMatchObject({ type: "message", role: "assistant" });
    expect(input[1]).not.toHaveProperty("id");
    expect(input.at(-1)).toEqual({
      type: "message",
      role: "user",
      content: [{ type: "input_text", text: "Again" }],
    });
    expect(native.requests[1]!.json).not.toHaveProperty("previous_response_id");
    socket.close();
  });
});
