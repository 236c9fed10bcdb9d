import {
  type Content,
  FunctionCallingConfigMode,
  type GenerateContentConfig,
  type GenerateContentResponse,
  GoogleGenAI,
  type Part,
} from "@google/genai";
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

/**
 * The Gemini generateContent surface through `@google/genai`.
 * @see https://ai.google.dev/api/generate-content
 */
export function geminiCaseDriver(url: string, key: string): CaseDriver {
  const client = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: url } });
  return {
    name: "gemini",
    async run(c) {
      const request = { model: c.model, contents: contents(c), config: config(c) };
      const out: CaseOutcome = { text: "", toolCalls: [], finish: "", reasoning: "", warnings: "" };
      const chunks = c.stream
        ? await client.models.generateContentStream(request)
        : [await client.models.generateContent(request)];
      for await (const r of chunks) read(r, out);
      return out;
    },
  };
}

function read(r: GenerateContentResponse, out: CaseOutcome): void {
  out.warnings ||= r.sdkHttpResponse?.headers?.["x-gatehouse-warnings"] ?? "";
  for (const p of r.candidates?.[0]?.content?.parts ?? []) {
    if (p.thought) out.reasoning += p.text ?? "";
    else if (p.text) out.text += p.text;
    if (p.thoughtSignature) out.signature = p.thoughtSignature;
    if (p.functionCall) out.toolCalls.push({ name: p.functionCall.name ?? "", args: p.functionCall.args });
  }
  if (r.candidates?.[0]?.finishReason) out.finish = r.candidates[0].finishReason;
}

function contents(c: CaseCall): Content[] {
  const out: Content[] = [];
  const last: Part[] = [];
  if (c.toolHistory) {
    out.push(
      { role: "user", parts: [{ text: HISTORY.ask }] },
      {
        role: "model",
        parts: [{ functionCall: { id: HISTORY.callId, name: TOOL.name, args: { ...HISTORY.args } } }],
      },
    );
    last.push({
      functionResponse: { id: HISTORY.callId, name: TOOL.name, response: { result: HISTORY.result } },
    });
  }
  if (c.parallelHistory) {
    const calls = PARALLEL_HISTORY.calls;
    out.push(
      { role: "user", parts: [{ text: PARALLEL_HISTORY.ask }] },
      {
        role: "model",
        parts: calls.map((t) => ({ functionCall: { id: t.id, name: t.name, args: { ...t.args } } })),
      },
    );
    for (const t of calls)
      last.push({ functionResponse: { id: t.id, name: t.name, response: { result: t.result } } });
  }
  last.push({ text: userText(c) });
  if (c.image !== undefined) {
    last.push(
      "url" in c.image
        ? { fileData: { fileUri: c.image.url, mimeType: "image/png" } }
        : { inlineData: { mimeType: c.image.mime, data: c.image.base64 } },
    );
  }
  out.push({ role: "user", parts: last });
  return out;
}

function config(c: CaseCall): GenerateContentConfig {
  const cfg: GenerateContentConfig = { systemInstruction: "You are terse." };
  if (c.headers) cfg.httpOptions = { headers: c.headers };
  const tools = declaredTools(c);
  if (tools.length > 0)
    cfg.tools = [
      {
        functionDeclarations: tools.map((t) => ({
          name: t.name,
          description: t.description,
          parametersJsonSchema: t.parameters,
        })),
      },
    ];
  if (c.toolChoice) cfg.toolConfig = { functionCallingConfig: functionCalling(c.toolChoice) };
  if (c.sampling) {
    Object.assign(cfg, {
      temperature: c.sampling.temperature,
      topP: c.sampling.topP,
      stopSequences: c.sampling.stop,
    });
    if (c.sampling.topK !== undefined) cfg.topK = c.sampling.topK;
    if (c.sampling.seed !== undefined) cfg.seed = c.sampling.seed;
  }
  if (c.maxTokens !== undefined) cfg.maxOutputTokens = c.maxTokens;
  if (c.json !== undefined) cfg.responseMimeType = "application/json";
  if (c.json === "schema") cfg.responseJsonSchema = JSON_SCHEMA;
  if (c.reasoning) cfg.thinkingConfig = { thinkingBudget: 1024, includeThoughts: true };
  return cfg;
}

/** @see https://ai.google.dev/api/caching#FunctionCallingConfig */
function functionCalling(c: CaseToolChoice) {
  if (c.type === "tool") return { mode: FunctionCallingConfigMode.ANY, allowedFunctionNames: [c.name] };
  const modes = { auto: "AUTO", none: "NONE", required: "ANY" } as const;
  return { mode: FunctionCallingConfigMode[modes[c.type]] };
}
