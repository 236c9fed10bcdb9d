import OpenAI from "openai";
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

type Params = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

/**
 * The OpenAI Chat Completions surface through the `openai` SDK.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function openaiCaseDriver(url: string, key: string): CaseDriver {
  const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
  return {
    name: "openai",
    async run(c) {
      const options = { headers: c.headers ?? {} };
      if (!c.stream) {
        const { data, response } = await client.chat.completions.create(params(c), options).withResponse();
        const m = data.choices[0]!.message as OpenAI.Chat.ChatCompletionMessage & {
          reasoning_content?: string;
        };
        return {
          text: m.content ?? "",
          toolCalls: (m.tool_calls ?? []).map((t) =>
            t.type === "function"
              ? { name: t.function.name, args: JSON.parse(t.function.arguments) }
              : { name: "", args: null },
          ),
          finish: data.choices[0]!.finish_reason,
          reasoning: m.reasoning_content ?? "",
          warnings: response.headers.get("x-gatehouse-warnings") ?? "",
        };
      }
      const { data, response } = await client.chat.completions
        .create({ ...params(c), stream: true, stream_options: { include_usage: true } }, options)
        .withResponse();
      const out: CaseOutcome = { text: "", toolCalls: [], finish: "", reasoning: "", warnings: "" };
      out.warnings = response.headers.get("x-gatehouse-warnings") ?? "";
      const args: string[] = [];
      for await (const chunk of data) {
        const choice = chunk.choices[0];
        if (choice === undefined) continue;
        const delta = choice.delta as typeof choice.delta & { reasoning_content?: string };
        out.text += delta.content ?? "";
        out.reasoning += delta.reasoning_content ?? "";
        for (const t of delta.tool_calls ?? []) {
          if (t.function?.name) out.toolCalls[t.index] = { name: t.function.name, args: null };
          args[t.index] = (args[t.index] ?? "") + (t.function?.arguments ?? "");
        }
        if (choice.finish_reason) out.finish = choice.finish_reason;
      }
      out.toolCalls.forEach((t, i) => {
        t.args = JSON.parse(args[i] ?? "{}");
      });
      return out;
    },
  };
}

function messages(c: CaseCall): OpenAI.Chat.ChatCompletionMessageParam[] {
  const out: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: "system", content: "You are terse." }];
  if (c.toolHistory) {
    out.push(
      { role: "user", content: HISTORY.ask },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: HISTORY.callId,
            type: "function",
            function: { name: TOOL.name, arguments: JSON.stringify(HISTORY.args) },
          },
        ],
      },
      { role: "tool", tool_call_id: HISTORY.callId, content: HISTORY.result },
    );
  }
  if (c.parallelHistory) {
    const calls = PARALLEL_HISTORY.calls;
    out.push(
      { role: "user", content: PARALLEL_HISTORY.ask },
      {
        role: "assistant",
        content: null,
        tool_calls: calls.map((t) => ({
          id: t.id,
          type: "function" as const,
          function: { name: t.name, arguments: JSON.stringify(t.args) },
        })),
      },
      ...calls.map((t) => ({ role: "tool" as const, tool_call_id: t.id, content: t.result })),
    );
  }
  if (c.image === undefined) out.push({ role: "user", content: userText(c) });
  else {
    const url = "url" in c.image ? c.image.url : `data:${c.image.mime};base64,${c.image.base64}`;
    out.push({
      role: "user",
      content: [
        { type: "text", text: userText(c) },
        { type: "image_url", image_url: { url } },
      ],
    });
  }
  return out;
}

function params(c: CaseCall): Params {
  const p: Params = { model: c.model, messages: messages(c) };
  const tools = declaredTools(c);
  if (tools.length > 0) p.tools = tools.map((t) => ({ type: "function", function: t }));
  if (c.toolChoice) p.tool_choice = toolChoice(c.toolChoice);
  if (c.sampling) {
    Object.assign(p, { temperature: c.sampling.temperature, top_p: c.sampling.topP, stop: c.sampling.stop });
    if (c.sampling.seed !== undefined) p.seed = c.sampling.seed;
  }
  if (c.maxTokens !== undefined) p.max_completion_tokens = c.maxTokens;
  if (c.json === "object") p.response_format = { type: "json_object" };
  if (c.json === "schema")
    p.response_format = {
      type: "json_schema",
      json_schema: { name: "answer", schema: JSON_SCHEMA, strict: true },
    };
  if (c.reasoning) p.reasoning_effort = "low";
  return p;
}

/** @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-tool_choice */
function toolChoice(c: CaseToolChoice): OpenAI.Chat.ChatCompletionToolChoiceOption {
  return c.type === "tool" ? { type: "function", function: { name: c.name } } : c.type;
}
