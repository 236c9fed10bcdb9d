import Anthropic from "@anthropic-ai/sdk";
import {
  type CaseCall,
  type CaseDriver,
  type CaseOutcome,
  type CaseToolChoice,
  declaredTools,
  HISTORY,
  JSON_SCHEMA,
  PARALLEL_HISTORY,
  TOOL,
  userText,
} from "./case-call.js";

type Params = Anthropic.MessageCreateParamsNonStreaming;

/**
 * The Anthropic Messages surface through `@anthropic-ai/sdk`.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function anthropicCaseDriver(url: string, key: string): CaseDriver {
  const client = new Anthropic({ apiKey: key, baseURL: url, maxRetries: 0 });
  return {
    name: "anthropic",
    async run(c) {
      const options = { headers: c.headers ?? {} };
      if (!c.stream) {
        const { data, response } = await client.messages.create(params(c), options).withResponse();
        const out = empty(response.headers.get("x-gatehouse-warnings"));
        for (const b of data.content) {
          if (b.type === "text") out.text += b.text;
          if (b.type === "tool_use") out.toolCalls.push({ name: b.name, args: b.input });
          if (b.type === "thinking") {
            out.reasoning += b.thinking;
            out.signature = b.signature;
          }
        }
        out.finish = data.stop_reason ?? "";
        return out;
      }
      const { data, response } = await client.messages
        .create({ ...params(c), stream: true }, options)
        .withResponse();
      const out = empty(response.headers.get("x-gatehouse-warnings"));
      const args: string[] = [];
      for await (const e of data) {
        if (e.type === "content_block_start" && e.content_block.type === "tool_use") {
          out.toolCalls.push({ name: e.content_block.name, args: null });
          args.push("");
        }
        if (e.type === "content_block_delta") {
          const d = e.delta;
          if (d.type === "text_delta") out.text += d.text;
          if (d.type === "thinking_delta") out.reasoning += d.thinking;
          if (d.type === "signature_delta") out.signature = (out.signature ?? "") + d.signature;
          if (d.type === "input_json_delta") args[args.length - 1] += d.partial_json;
        }
        if (e.type === "message_delta") out.finish = e.delta.stop_reason ?? "";
      }
      out.toolCalls.forEach((t, i) => {
        t.args = JSON.parse(args[i] || "{}");
      });
      return out;
    },
  };
}

function empty(warnings: string | null): CaseOutcome {
  return { text: "", toolCalls: [], finish: "", reasoning: "", warnings: warnings ?? "" };
}

function lastUser(c: CaseCall): Anthropic.ContentBlockParam[] {
  const blocks: Anthropic.ContentBlockParam[] = [];
  if (c.toolHistory)
    blocks.push({ type: "tool_result", tool_use_id: HISTORY.callId, content: HISTORY.result });
  if (c.parallelHistory)
    for (const t of PARALLEL_HISTORY.calls)
      blocks.push({ type: "tool_result", tool_use_id: t.id, content: t.result });
  blocks.push({ type: "text", text: userText(c) });
  if (c.image !== undefined) {
    blocks.push({
      type: "image",
      source:
        "url" in c.image
          ? { type: "url", url: c.image.url }
          : { type: "base64", media_type: c.image.mime as "image/png", data: c.image.base64 },
    });
  }
  return blocks;
}

function messages(c: CaseCall): Anthropic.MessageParam[] {
  const out: Anthropic.MessageParam[] = [];
  if (c.thinkingHistory) {
    out.push(
      { role: "user", content: "Earlier question" },
      {
        role: "assistant",
        content: [
          { type: "thinking", ...c.thinkingHistory },
          { type: "text", text: "Earlier answer" },
        ],
      },
    );
  }
  if (c.toolHistory) {
    out.push(
      { role: "user", content: HISTORY.ask },
      {
        role: "assistant",
        content: [{ type: "tool_use", id: HISTORY.callId, name: TOOL.name, input: HISTORY.args }],
      },
    );
  }
  if (c.parallelHistory) {
    out.push(
      { role: "user", content: PARALLEL_HISTORY.ask },
      {
        role: "assistant",
        content: PARALLEL_HISTORY.calls.map((t) => ({
          type: "tool_use" as const,
          id: t.id,
          name: t.name,
          input: t.args,
        })),
      },
    );
  }
  out.push({ role: "user", content: lastUser(c) });
  return out;
}

function params(c: CaseCall): Params {
  const p: Params = {
    model: c.model,
    max_tokens: c.maxTokens ?? (c.reasoning ? 4096 : 1024),
    system: "You are terse.",
    messages: messages(c),
  };
  const tools = declaredTools(c);
  if (tools.length > 0)
    p.tools = tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.parameters as Anthropic.Tool.InputSchema,
    }));
  if (c.toolChoice) p.tool_choice = toolChoice(c.toolChoice);
  if (c.sampling) {
    // SDK 1.x types follow API version 2026-10-21, which dropped the sampling fields; 2023-06-01 has them.
    Object.assign(p, { temperature: c.sampling.temperature, top_p: c.sampling.topP });
    if (c.sampling.topK !== undefined) Object.assign(p, { top_k: c.sampling.topK });
    p.stop_sequences = c.sampling.stop;
  }
  // Anthropic has no JSON-object mode: only a schema (structured outputs).
  if (c.json === "schema")
    Object.assign(p, { output_config: { format: { type: "json_schema", schema: JSON_SCHEMA } } });
  if (c.reasoning) p.thinking = { type: "enabled", budget_tokens: 2048 };
  return p;
}

/** @see https://docs.anthropic.com/en/api/messages#body-tool-choice */
function toolChoice(c: CaseToolChoice): Anthropic.ToolChoice {
  if (c.type === "tool") return { type: "tool", name: c.name };
  return { type: c.type === "required" ? "any" : c.type };
}
