import {
  type FakeServer,
  startFakeAnthropic,
  startFakeGemini,
  startFakeOllama,
  startFakeOpenAI,
} from "@gatehouse/test-support";
import type { ProviderKind } from "../../store/store-types.js";

/** One upstream of the conversion matrix: its fake, how the gateway registers it, where its body keeps the system prompt. */
export interface MatrixUpstream {
  kind: ProviderKind;
  fake: FakeServer;
  provider: { name: string; kind: ProviderKind; baseUrl: string; apiKey?: string; models: string[] };
  /** The public model routed to this upstream. */
  model: string;
  systemOf(body: unknown): string | undefined;
}

type Json = Record<string, any>;

/** Starts a fake of every upstream kind the matrix covers. */
export async function startMatrixUpstreams(): Promise<MatrixUpstream[]> {
  const openai = await startFakeOpenAI();
  const anthropic = await startFakeAnthropic();
  const gemini = await startFakeGemini();
  const ollama = await startFakeOllama();
  return [
    {
      kind: "openai",
      fake: openai,
      provider: {
        name: "up-openai",
        kind: "openai",
        baseUrl: openai.url,
        apiKey: "sk-openai",
        models: ["gpt-4o-mini"],
      },
      model: "gpt-4o-mini",
      systemOf: (b) =>
        (b as Json).messages?.find((m: Json) => m.role === "system" || m.role === "developer")?.content,
    },
    {
      kind: "anthropic",
      fake: anthropic,
      provider: {
        name: "up-anthropic",
        kind: "anthropic",
        baseUrl: anthropic.url,
        apiKey: "sk-ant",
        models: ["claude-sonnet-4-5"],
      },
      model: "claude-sonnet-4-5",
      systemOf: (b) => {
        const s = (b as Json).system;
        return typeof s === "string" ? s : s?.map((x: Json) => x.text).join("");
      },
    },
    {
      kind: "gemini",
      fake: gemini,
      provider: {
        name: "up-gemini",
        kind: "gemini",
        baseUrl: `${gemini.url}/v1beta`,
        apiKey: "AIza-gemini",
        models: ["gemini-2.5-flash"],
      },
      model: "gemini-2.5-flash",
      systemOf: (b) => (b as Json).systemInstruction?.parts?.map((p: Json) => p.text).join(""),
    },
    {
      kind: "ollama",
      fake: ollama,
      provider: { name: "up-ollama", kind: "ollama", baseUrl: ollama.url, models: ["llama3.2"] },
      model: "llama3.2",
      systemOf: (b) => (b as Json).messages?.find((m: Json) => m.role === "system")?.content,
    },
  ];
}
