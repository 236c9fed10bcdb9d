import {
  type FakeServer,
  fakeServiceAccount,
  startFakeAnthropic,
  startFakeBedrock,
  startFakeGemini,
  startFakeGoogleOAuth,
  startFakeOllama,
  startFakeOpenAI,
} from "@gatehouse/test-support";
import type { ProviderKind } from "../../domain/provider.js";
import type { ProviderCredentials } from "../../providers/upstream-target.js";

/** One upstream of the conversion matrix: its fake, how the gateway registers it, where its body keeps the system prompt. */
export interface MatrixUpstream {
  kind: ProviderKind;
  fake: FakeServer;
  /** Further fakes the upstream needs (an OAuth server), closed with it. */
  helpers?: FakeServer[];
  provider: {
    name: string;
    kind: ProviderKind;
    baseUrl: string;
    apiKey?: string;
    credentials?: ProviderCredentials;
    config?: Record<string, unknown>;
    models: string[];
  };
  /** The public model routed to this upstream. */
  model: string;
  /** The path (without query) every chat call must reach on the fake. */
  path: RegExp;
  systemOf(body: unknown): string | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: recorded upstream bodies are read loosely, field by field, only in assertions
type Json = Record<string, any>;

/** Starts a fake of every upstream kind the matrix covers. */
export async function startMatrixUpstreams(): Promise<MatrixUpstream[]> {
  const openai = await startFakeOpenAI();
  const anthropic = await startFakeAnthropic();
  const gemini = await startFakeGemini();
  const ollama = await startFakeOllama();
  const bedrock = await startFakeBedrock();
  const azure = await startFakeOpenAI({ apiKey: "azure-key" });
  const sa = fakeServiceAccount("matrix-project");
  const oauth = await startFakeGoogleOAuth({ publicKey: sa.publicKey, clientEmail: sa.clientEmail });
  // Vertex calls must carry a token the fake OAuth server issued.
  const vertex = await startFakeGemini({ acceptBearer: (token) => oauth.issued.includes(token) });
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
      path: /^\/v1\/chat\/completions$/,
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
      path: /^\/v1\/messages$/,
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
      path: /^\/v1beta\/models\/gemini-2\.5-flash:(generateContent|streamGenerateContent)$/,
      systemOf: (b) => (b as Json).systemInstruction?.parts?.map((p: Json) => p.text).join(""),
    },
    {
      kind: "ollama",
      fake: ollama,
      provider: { name: "up-ollama", kind: "ollama", baseUrl: ollama.url, models: ["llama3.2"] },
      model: "llama3.2",
      path: /^\/api\/chat$/,
      systemOf: (b) => (b as Json).messages?.find((m: Json) => m.role === "system")?.content,
    },
    {
      kind: "bedrock",
      fake: bedrock,
      provider: {
        name: "up-bedrock",
        kind: "bedrock",
        baseUrl: bedrock.url,
        // AWS's documented example keys; the fake checks the SigV4 shape (a 16+ character key id).
        credentials: {
          accessKeyId: "AKIAIOSFODNN7EXAMPLE",
          secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        },
        config: { region: "us-east-1" },
        models: ["anthropic.claude-3-haiku-20240307-v1:0"],
      },
      model: "anthropic.claude-3-haiku-20240307-v1:0",
      path: /^\/model\/anthropic\.claude-3-haiku-20240307-v1%3A0\/(converse|converse-stream)$/,
      systemOf: (b) => (b as Json).system?.map((s: Json) => s.text ?? "").join(""),
    },
    {
      kind: "azure",
      fake: azure,
      provider: {
        name: "up-azure",
        kind: "azure",
        baseUrl: azure.origin,
        apiKey: "azure-key",
        config: { apiVersion: "2024-10-21" },
        models: ["azure-gpt-4o-mini"],
      },
      model: "azure-gpt-4o-mini",
      path: /^\/openai\/deployments\/azure-gpt-4o-mini\/chat\/completions$/,
      systemOf: (b) =>
        (b as Json).messages?.find((m: Json) => m.role === "system" || m.role === "developer")?.content,
    },
    {
      kind: "vertex",
      fake: vertex,
      helpers: [oauth],
      provider: {
        name: "up-vertex",
        kind: "vertex",
        baseUrl: `${vertex.origin}/v1`,
        credentials: { serviceAccountJson: sa.keyFile(oauth.tokenUri) },
        config: { project: "matrix-project", location: "us-central1" },
        models: ["gemini-2.5-pro"],
      },
      model: "gemini-2.5-pro",
      path: /^\/v1\/projects\/matrix-project\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.5-pro:(generateContent|streamGenerateContent)$/,
      systemOf: (b) => (b as Json).systemInstruction?.parts?.map((p: Json) => p.text).join(""),
    },
  ];
}
