import type { UpstreamKind } from "./use-matrix.js";

// biome-ignore lint/suspicious/noExplicitAny: recorded upstream bodies are read loosely, field by field, only in assertions
type Json = Record<string, any>;

/** A tool call and its result as an upstream received them in history. */
export interface ToolExchange {
  call: { id?: string; name: string; args: unknown };
  result: { id?: string; name?: string; text: string };
}

/** Sampling fields as an upstream received them (undefined when absent). */
export interface Sampling {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
}

/** An image as an upstream received it: its bytes (base64) or its URL. */
export type ImageView = { bytes: string } | { url: string };

/**
 * Reads, in one upstream's native field names, what a recorded request body carried. One view per wire
 * format: OpenAI (also Azure), Anthropic, Gemini (also Vertex), Ollama, Bedrock Converse.
 */
export interface UpstreamView {
  toolExchange(body: Json): ToolExchange;
  sampling(body: Json): Sampling;
  image(body: Json): ImageView;
  /** The JSON-output setting, in the upstream's own shape (undefined when none). */
  jsonOutput(body: Json): unknown;
  /** The reasoning setting, in the upstream's own shape (undefined when none). */
  reasoning(body: Json): unknown;
  /** The tool choice, in the upstream's own shape (undefined when none; Ollama has none). */
  toolChoice(body: Json): unknown;
  /** Names of the declared tools, in order (empty when none were sent). */
  toolNames(body: Json): string[];
  /** Every tool call of the history, in order, each with the result answering it (matched by id, else name). */
  toolExchanges(body: Json): ToolExchange[];
}

/** Pairs each call with the result carrying its id (or, when results have no id, its name). */
function pair(calls: ToolExchange["call"][], results: ToolExchange["result"][]): ToolExchange[] {
  return calls.map((call) => {
    const result =
      results.find((r) => r.id !== undefined && r.id === call.id) ??
      results.find((r) => r.id === undefined && r.name === call.name);
    return { call, result: result ?? { text: "<no result>" } };
  });
}

const lastUser = (messages: Json[]) => messages.findLast((m) => m.role === "user")!;

/** @see https://platform.openai.com/docs/api-reference/chat/create */
const openai: UpstreamView = {
  toolExchange(b) {
    const call = b.messages.find((m: Json) => m.tool_calls)!.tool_calls[0];
    const result = b.messages.find((m: Json) => m.role === "tool")!;
    return {
      call: { id: call.id, name: call.function.name, args: JSON.parse(call.function.arguments) },
      result: { id: result.tool_call_id, text: result.content },
    };
  },
  sampling: (b) => ({
    temperature: b.temperature,
    topP: b.top_p,
    maxTokens: b.max_completion_tokens ?? b.max_tokens,
    stop: b.stop,
    seed: b.seed,
  }),
  image(b) {
    const url: string = lastUser(b.messages).content.find((p: Json) => p.type === "image_url").image_url.url;
    return url.startsWith("data:") ? { bytes: url.slice(url.indexOf(",") + 1) } : { url };
  },
  jsonOutput: (b) => b.response_format,
  reasoning: (b) => b.reasoning_effort,
  toolChoice: (b) => b.tool_choice,
  toolNames: (b) => (b.tools ?? []).map((t: Json) => t.function.name),
  toolExchanges: (b) =>
    pair(
      b.messages.flatMap((m: Json) =>
        (m.tool_calls ?? []).map((c: Json) => ({
          id: c.id,
          name: c.function.name,
          args: JSON.parse(c.function.arguments),
        })),
      ),
      b.messages
        .filter((m: Json) => m.role === "tool")
        .map((m: Json) => ({ id: m.tool_call_id, text: m.content })),
    ),
};

/** @see https://docs.anthropic.com/en/api/messages */
const anthropic: UpstreamView = {
  toolExchange(b) {
    const blocks = b.messages.flatMap((m: Json) => (Array.isArray(m.content) ? m.content : []));
    const call = blocks.find((x: Json) => x.type === "tool_use");
    const result = blocks.find((x: Json) => x.type === "tool_result");
    const text =
      typeof result.content === "string" ? result.content : result.content.map((c: Json) => c.text).join("");
    return {
      call: { id: call.id, name: call.name, args: call.input },
      result: { id: result.tool_use_id, text },
    };
  },
  sampling: (b) => ({
    temperature: b.temperature,
    topP: b.top_p,
    topK: b.top_k,
    maxTokens: b.max_tokens,
    stop: b.stop_sequences,
  }),
  image(b) {
    const src = lastUser(b.messages).content.find((x: Json) => x.type === "image").source;
    return src.type === "url" ? { url: src.url } : { bytes: src.data };
  },
  jsonOutput: (b) => b.output_config?.format ?? b.tool_choice,
  reasoning: (b) => b.thinking,
  toolChoice: (b) => b.tool_choice,
  toolNames: (b) => (b.tools ?? []).map((t: Json) => t.name),
  toolExchanges(b) {
    const blocks = b.messages.flatMap((m: Json) => (Array.isArray(m.content) ? m.content : []));
    const text = (c: Json) =>
      typeof c.content === "string" ? c.content : c.content.map((x: Json) => x.text).join("");
    return pair(
      blocks
        .filter((x: Json) => x.type === "tool_use")
        .map((x: Json) => ({ id: x.id, name: x.name, args: x.input })),
      blocks
        .filter((x: Json) => x.type === "tool_result")
        .map((x: Json) => ({ id: x.tool_use_id, text: text(x) })),
    );
  },
};

/** @see https://ai.google.dev/api/generate-content */
const gemini: UpstreamView = {
  toolExchange(b) {
    const parts = b.contents.flatMap((c: Json) => c.parts);
    const call = parts.find((p: Json) => p.functionCall).functionCall;
    const result = parts.find((p: Json) => p.functionResponse).functionResponse;
    return {
      call: { id: call.id, name: call.name, args: call.args },
      result: { id: result.id, name: result.name, text: JSON.stringify(result.response) },
    };
  },
  sampling(b) {
    const g = b.generationConfig ?? {};
    return {
      temperature: g.temperature,
      topP: g.topP,
      topK: g.topK,
      maxTokens: g.maxOutputTokens,
      stop: g.stopSequences,
      seed: g.seed,
    };
  },
  image(b) {
    const part = b.contents.at(-1).parts.find((p: Json) => p.inlineData || p.fileData);
    return part.inlineData ? { bytes: part.inlineData.data } : { url: part.fileData.fileUri };
  },
  jsonOutput(b) {
    const g = b.generationConfig ?? {};
    return g.responseMimeType === undefined
      ? undefined
      : { responseMimeType: g.responseMimeType, responseJsonSchema: g.responseJsonSchema };
  },
  reasoning: (b) => b.generationConfig?.thinkingConfig,
  toolChoice: (b) => b.toolConfig?.functionCallingConfig,
  toolNames: (b) =>
    (b.tools ?? []).flatMap((t: Json) => (t.functionDeclarations ?? []).map((d: Json) => d.name)),
  toolExchanges(b) {
    const parts = b.contents.flatMap((c: Json) => c.parts);
    return pair(
      parts
        .filter((p: Json) => p.functionCall)
        .map(({ functionCall: f }: Json) => ({ id: f.id, name: f.name, args: f.args })),
      parts
        .filter((p: Json) => p.functionResponse)
        .map(({ functionResponse: r }: Json) => ({
          id: r.id,
          name: r.name,
          text: JSON.stringify(r.response),
        })),
    );
  },
};

/** @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion */
const ollama: UpstreamView = {
  toolExchange(b) {
    const call = b.messages.find((m: Json) => m.tool_calls)!.tool_calls[0];
    const result = b.messages.find((m: Json) => m.role === "tool")!;
    return {
      call: { id: call.id, name: call.function.name, args: call.function.arguments },
      result: { id: result.tool_call_id, name: result.tool_name, text: result.content },
    };
  },
  sampling: (b) => ({
    temperature: b.options?.temperature,
    topP: b.options?.top_p,
    topK: b.options?.top_k,
    maxTokens: b.options?.num_predict,
    stop: b.options?.stop,
    seed: b.options?.seed,
  }),
  image: (b) => ({ bytes: lastUser(b.messages).images[0] }),
  jsonOutput: (b) => b.format,
  reasoning: (b) => b.think,
  // Ollama has no tool_choice: "none" is kept by sending no tools, forcing a call cannot be expressed.
  toolChoice: () => undefined,
  toolNames: (b) => (b.tools ?? []).map((t: Json) => t.function.name),
  toolExchanges: (b) =>
    pair(
      b.messages.flatMap((m: Json) =>
        (m.tool_calls ?? []).map((c: Json) => ({
          id: c.id,
          name: c.function.name,
          args: c.function.arguments,
        })),
      ),
      b.messages
        .filter((m: Json) => m.role === "tool")
        .map((m: Json) => ({ id: m.tool_call_id, name: m.tool_name, text: m.content })),
    ),
};

/** @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html */
const bedrock: UpstreamView = {
  toolExchange(b) {
    const blocks = b.messages.flatMap((m: Json) => m.content);
    const call = blocks.find((x: Json) => x.toolUse).toolUse;
    const result = blocks.find((x: Json) => x.toolResult).toolResult;
    return {
      call: { id: call.toolUseId, name: call.name, args: call.input },
      result: {
        id: result.toolUseId,
        text: result.content.map((c: Json) => c.text ?? JSON.stringify(c.json)).join(""),
      },
    };
  },
  sampling: (b) => ({
    temperature: b.inferenceConfig?.temperature,
    topP: b.inferenceConfig?.topP,
    topK: b.additionalModelRequestFields?.top_k,
    maxTokens: b.inferenceConfig?.maxTokens,
    stop: b.inferenceConfig?.stopSequences,
  }),
  image: (b) => ({ bytes: lastUser(b.messages).content.find((x: Json) => x.image).image.source.bytes }),
  // Converse has no JSON-output setting: the gateway drops it with a warning.
  jsonOutput: (b) => b.outputConfig,
  reasoning: (b) =>
    b.additionalModelRequestFields?.thinking ?? b.additionalModelRequestFields?.reasoningConfig,
  // Converse has no "none": without tool history the toolConfig is simply not sent.
  toolChoice: (b) => b.toolConfig?.toolChoice,
  toolNames: (b) => (b.toolConfig?.tools ?? []).flatMap((t: Json) => (t.toolSpec ? [t.toolSpec.name] : [])),
  toolExchanges(b) {
    const blocks = b.messages.flatMap((m: Json) => m.content);
    return pair(
      blocks
        .filter((x: Json) => x.toolUse)
        .map(({ toolUse: u }: Json) => ({ id: u.toolUseId, name: u.name, args: u.input })),
      blocks
        .filter((x: Json) => x.toolResult)
        .map(({ toolResult: r }: Json) => ({
          id: r.toolUseId,
          text: r.content.map((c: Json) => c.text ?? JSON.stringify(c.json)).join(""),
        })),
    );
  },
};

const VIEWS: Record<UpstreamKind, UpstreamView> = {
  openai,
  azure: openai,
  anthropic,
  gemini,
  vertex: gemini,
  ollama,
  bedrock,
};

/** The view reading recorded bodies of an upstream kind. */
export function upstreamView(kind: UpstreamKind): UpstreamView {
  return VIEWS[kind];
}
