import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";

/** What a conversion test reads back from a client SDK, whatever its protocol. */
export interface ChatOutcome {
  text: string;
  toolCalls: Array<{ name: string; args: unknown }>;
  inputTokens: number;
  outputTokens: number;
  finish: string;
}

export interface ChatCall {
  model: string;
  system: string;
  user: string;
  stream: boolean;
  tools?: boolean;
}

/** One client surface, driven through its official SDK. */
export interface ClientDriver {
  name: "openai" | "anthropic" | "gemini";
  chat(call: ChatCall): Promise<ChatOutcome>;
  /** The HTTP status of the SDK's error for a failed call. */
  errorStatus(call: ChatCall): Promise<number>;
}

const TOOL = {
  name: "lookup",
  description: "Looks a thing up",
  parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};

/** Drivers for the three client SDKs against a gateway at `url` with key `key`. */
export function clientDrivers(url: string, key: string): ClientDriver[] {
  return [openaiDriver(url, key), anthropicDriver(url, key), geminiDriver(url, key)];
}

function openaiDriver(url: string, key: string): ClientDriver {
  const client = new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
  const params = (c: ChatCall) => ({
    model: c.model,
    messages: [
      { role: "system" as const, content: c.system },
      { role: "user" as const, content: c.user },
    ],
    ...(c.tools ? { tools: [{ type: "function" as const, function: TOOL }] } : {}),
  });
  return {
    name: "openai",
    async chat(c) {
      if (!c.stream) {
        const r = await client.chat.completions.create(params(c));
        const m = r.choices[0]!.message;
        return {
          text: m.content ?? "",
          toolCalls: (m.tool_calls ?? []).map((t) =>
            t.type === "function"
              ? { name: t.function.name, args: JSON.parse(t.function.arguments) }
              : { name: "", args: null },
          ),
          inputTokens: r.usage!.prompt_tokens,
          outputTokens: r.usage!.completion_tokens,
          finish: r.choices[0]!.finish_reason,
        };
      }
      const stream = client.chat.completions.stream({
        ...params(c),
        stream_options: { include_usage: true },
      });
      const final = await stream.finalChatCompletion();
      const m = final.choices[0]!.message;
      return {
        text: m.content ?? "",
        toolCalls: (m.tool_calls ?? []).map((t) =>
          t.type === "function"
            ? { name: t.function.name, args: JSON.parse(t.function.arguments) }
            : { name: "", args: null },
        ),
        inputTokens: final.usage!.prompt_tokens,
        outputTokens: final.usage!.completion_tokens,
        finish: final.choices[0]!.finish_reason,
      };
    },
    async errorStatus(c) {
      try {
        await client.chat.completions.create(params(c));
        return 200;
      } catch (err) {
        return (err as { status?: number }).status ?? 0;
      }
    },
  };
}

function anthropicDriver(url: string, key: string): ClientDriver {
  const client = new Anthropic({ apiKey: key, baseURL: url, maxRetries: 0 });
  const params = (c: ChatCall) => ({
    model: c.model,
    max_tokens: 1024,
    system: c.system,
    messages: [{ role: "user" as const, content: c.user }],
    ...(c.tools
      ? {
          tools: [
            {
              name: TOOL.name,
              description: TOOL.description,
              input_schema: TOOL.parameters as Anthropic.Tool.InputSchema,
            },
          ],
        }
      : {}),
  });
  const outcome = (m: Anthropic.Message): ChatOutcome => ({
    text: m.content.map((b) => (b.type === "text" ? b.text : "")).join(""),
    toolCalls: m.content.flatMap((b) => (b.type === "tool_use" ? [{ name: b.name, args: b.input }] : [])),
    inputTokens:
      m.usage.input_tokens +
      (m.usage.cache_read_input_tokens ?? 0) +
      (m.usage.cache_creation_input_tokens ?? 0),
    outputTokens: m.usage.output_tokens,
    finish: m.stop_reason ?? "",
  });
  return {
    name: "anthropic",
    async chat(c) {
      if (!c.stream) return outcome(await client.messages.create(params(c)));
      return outcome(await client.messages.stream(params(c)).finalMessage());
    },
    async errorStatus(c) {
      try {
        await client.messages.create(params(c));
        return 200;
      } catch (err) {
        return (err as { status?: number }).status ?? 0;
      }
    },
  };
}

function geminiDriver(url: string, key: string): ClientDriver {
  const client = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: url } });
  const params = (c: ChatCall) => ({
    model: c.model,
    contents: [{ role: "user", parts: [{ text: c.user }] }],
    config: {
      systemInstruction: c.system,
      ...(c.tools
        ? {
            tools: [
              {
                functionDeclarations: [
                  { name: TOOL.name, description: TOOL.description, parametersJsonSchema: TOOL.parameters },
                ],
              },
            ],
          }
        : {}),
    },
  });
  return {
    name: "gemini",
    async chat(c) {
      const out: ChatOutcome = { text: "", toolCalls: [], inputTokens: 0, outputTokens: 0, finish: "" };
      const chunks = c.stream
        ? await client.models.generateContentStream(params(c))
        : [await client.models.generateContent(params(c))];
      for await (const r of chunks) {
        for (const p of r.candidates?.[0]?.content?.parts ?? []) {
          if (p.text && !p.thought) out.text += p.text;
          if (p.functionCall)
            out.toolCalls.push({ name: p.functionCall.name ?? "", args: p.functionCall.args });
        }
        if (r.candidates?.[0]?.finishReason) out.finish = r.candidates[0].finishReason;
        if (r.usageMetadata) {
          out.inputTokens = r.usageMetadata.promptTokenCount ?? 0;
          out.outputTokens =
            (r.usageMetadata.candidatesTokenCount ?? 0) + (r.usageMetadata.thoughtsTokenCount ?? 0);
        }
      }
      return out;
    },
    async errorStatus(c) {
      try {
        await client.models.generateContent(params(c));
        return 200;
      } catch (err) {
        return (err as { status?: number }).status ?? 0;
      }
    },
  };
}
