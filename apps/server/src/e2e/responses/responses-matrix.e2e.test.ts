import { FAKE_THINKING_FRAGMENTS, FAKE_THINKING_SIGNATURE } from "@gatehouse/test-support";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA, TOOL } from "../matrix/case-call.js";
import { UPSTREAMS, type UpstreamKind, useMatrix } from "../matrix/use-matrix.js";

const m = useMatrix();
const INSTRUCTIONS = "You are terse.";
const THINKING = FAKE_THINKING_FRAGMENTS.join("");
/** The fakes that think when asked (the OpenAI ones do not). */
const THINKS: UpstreamKind[] = ["anthropic", "gemini", "ollama", "bedrock", "vertex"];
const FUNCTION_TOOL = { type: "function" as const, strict: false, ...TOOL };

function client(): OpenAI {
  return new OpenAI({ apiKey: m.gw.key, baseURL: `${m.gw.url}/v1`, maxRetries: 0 });
}

function cell(upstream: UpstreamKind) {
  return m.cell("openai", upstream).up;
}

/** The events of a stream, checked for the numbering every Responses stream must have. */
async function collect(stream: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>) {
  const events: OpenAI.Responses.ResponseStreamEvent[] = [];
  for await (const ev of stream) events.push(ev);
  expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
  expect(events.slice(0, 2).map((e) => e.type)).toEqual(["response.created", "response.in_progress"]);
  return events;
}

describe.each(UPSTREAMS)("Responses client → %s upstream", (upstream) => {
  it("text: the answer, the instructions and usage survive", async () => {
    const up = cell(upstream);
    const res = await client().responses.create({
      model: up.model,
      instructions: INSTRUCTIONS,
      input: "Say hello",
    });
    expect(res.object).toBe("response");
    expect(res.status).toBe("completed");
    expect(res.output_text).toMatch(/^Hello from fake-\w+ lorem ipsum$/);
    expect(res.usage?.output_tokens).toBe(5);
    expect(res.usage?.input_tokens).toBeGreaterThan(0);
    expect(res.instructions).toBe(INSTRUCTIONS);
    expect(up.systemOf(up.fake.requests[0]!.json)).toBe(INSTRUCTIONS);
    expect(up.fake.requests[0]!.path).toMatch(up.path);
  });

  it("text, streamed: numbered events, deltas adding up to the answer, usage at the end", async () => {
    const up = cell(upstream);
    const stream = client().responses.stream({
      model: up.model,
      instructions: INSTRUCTIONS,
      input: "Say hello",
    });
    const events = await collect(stream);
    const final = await stream.finalResponse();
    const deltas = events.flatMap((e) => (e.type === "response.output_text.delta" ? [e.delta] : []));
    expect(deltas.join("")).toMatch(/^Hello from fake-\w+ lorem ipsum$/);
    expect(final.output_text).toBe(deltas.join(""));
    expect(events.at(-1)?.type).toBe("response.completed");
    expect(final.usage?.output_tokens).toBe(5);
    const types = events.map((e) => e.type);
    for (const t of [
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.done",
    ])
      expect(types).toContain(t);
  });

  it.each([false, true])("a function call (stream: %s): name and arguments survive", async (stream) => {
    const up = cell(upstream);
    const body = { model: up.model, input: "please call tool", tools: [FUNCTION_TOOL] };
    if (!stream) {
      const res = await client().responses.create(body);
      const call = res.output.find((o) => o.type === "function_call");
      expect(call).toMatchObject({ name: "lookup", status: "completed" });
      expect(JSON.parse((call as OpenAI.Responses.ResponseFunctionToolCall).arguments)).toEqual({ q: "x" });
      return;
    }
    const s = client().responses.stream(body);
    const events = await collect(s);
    const deltas = events.flatMap((e) =>
      e.type === "response.function_call_arguments.delta" ? [e.delta] : [],
    );
    expect(JSON.parse(deltas.join(""))).toEqual({ q: "x" });
    const done = events.find((e) => e.type === "response.function_call_arguments.done");
    expect(done).toMatchObject({ name: "lookup" });
    const final = await s.finalResponse();
    expect(final.output.find((o) => o.type === "function_call")).toMatchObject({ name: "lookup" });
  });

  it("a finished function call in the input reaches the upstream as the tool's result", async () => {
    const up = cell(upstream);
    const res = await client().responses.create({
      model: up.model,
      tools: [FUNCTION_TOOL],
      input: [
        { role: "user", content: "Look something up" },
        { type: "function_call", call_id: "call_1", name: "lookup", arguments: '{"q":"x"}' },
        { type: "function_call_output", call_id: "call_1", output: "42 results" },
        { role: "user", content: [{ type: "input_text", text: "Say hello" }] },
      ],
    });
    expect(res.output_text).toMatch(/^Hello from fake-/);
    expect(JSON.stringify(up.fake.requests[0]!.json)).toContain("42 results");
  });

  it("an input_image reaches the upstream", async () => {
    const up = cell(upstream);
    const png =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    const res = await client().responses.create({
      model: up.model,
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Say hello" },
            { type: "input_image", image_url: `data:image/png;base64,${png}`, detail: "auto" },
          ],
        },
      ],
    });
    expect(res.status).toBe("completed");
    const sent = JSON.stringify(up.fake.requests[0]!.json);
    // Bedrock carries image bytes as base64 too (in JSON); every upstream gets them.
    expect(sent).toContain(png.slice(0, 40));
  });

  it("text.format json_schema reaches the upstream (Bedrock Converse has none: a warning says so)", async () => {
    const up = cell(upstream);
    const { data: res, response } = await client()
      .responses.create({
        model: up.model,
        input: "Say hello",
        text: { format: { type: "json_schema", name: "answer", schema: JSON_SCHEMA, strict: true } },
      })
      .withResponse();
    expect(res.status).toBe("completed");
    expect(res.text?.format).toMatchObject({ type: "json_schema", name: "answer" });
    const sent = JSON.stringify(up.fake.requests[0]!.json);
    if (upstream !== "bedrock") return expect(sent).toContain('"additionalProperties":false');
    expect(response.headers.get("x-gatehouse-warnings")).toContain("json_schema is not supported by bedrock");
  });

  it.each([false, true])("reasoning with a summary (stream: %s)", async (stream) => {
    const up = cell(upstream);
    const body = {
      model: up.model,
      input: "Say hello",
      reasoning: { effort: "low" as const, summary: "auto" as const },
      include: ["reasoning.encrypted_content" as const],
    };
    let res: OpenAI.Responses.Response;
    if (stream) {
      const s = client().responses.stream(body);
      const events = await collect(s);
      res = await s.finalResponse();
      const deltas = events.flatMap((e) =>
        e.type === "response.reasoning_summary_text.delta" ? [e.delta] : [],
      );
      expect(deltas.join("")).toBe(THINKS.includes(upstream) ? THINKING : "");
    } else res = await client().responses.create(body);
    expect(res.output_text).toMatch(/^Hello from fake-/);
    const reasoning = res.output.find((o) => o.type === "reasoning");
    if (!THINKS.includes(upstream)) return expect(reasoning).toBeUndefined();
    expect(reasoning?.summary).toEqual([{ type: "summary_text", text: THINKING }]);
    if (upstream === "anthropic") expect(reasoning?.encrypted_content).toBe(FAKE_THINKING_SIGNATURE);
  });

  it("max_output_tokens reaches the upstream; the cap is named in the answer", async () => {
    const up = cell(upstream);
    const res = await client().responses.create({
      model: up.model,
      input: "Say hello",
      max_output_tokens: 64,
    });
    expect(res.max_output_tokens).toBe(64);
    expect(JSON.stringify(up.fake.requests[0]!.json)).toMatch(/64/);
  });

  it("an upstream 429 reaches the client as a 429 in OpenAI's error shape", async () => {
    const up = cell(upstream);
    up.fake.setMode("error-429", 1);
    const err = await client()
      .responses.create({ model: up.model, input: "x" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
  });

  it.each(["cut-stream", "stream-error"] as const)(
    "a stream that ends badly (%s) ends with response.failed",
    async (mode) => {
      const up = cell(upstream);
      up.fake.setMode(mode, 1);
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      const s = client().responses.stream({ model: up.model, input: "Say hello" });
      await expect(
        (async () => {
          for await (const ev of s) events.push(ev);
        })(),
      ).resolves.toBeUndefined();
      expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
      const last = events.at(-1)!;
      expect(last.type).toBe("response.failed");
      const failed = (last as OpenAI.Responses.ResponseFailedEvent).response;
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatchObject({ code: "server_error", message: expect.stringMatching(/.+/) });
      expect(events.map((e) => e.type)).not.toContain("response.completed");
    },
  );
});
