import type { IrChatRequest } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../domain/provider.js";
import { buildTarget } from "../build-target.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { azureAdapter } from "./azure-adapter.js";
import { AZURE_DEFAULT_API_VERSION } from "./azure-openai-target.js";

function provider(config: Record<string, unknown> = {}): Provider {
  return {
    id: "p1",
    tenantId: "t1",
    name: "azure",
    kind: "azure",
    baseUrl: "https://my-resource.openai.azure.com",
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "platform",
    config,
    createdAt: 0,
  };
}

const target = (config: Record<string, unknown> = {}): UpstreamTarget =>
  buildTarget(provider(config), { apiKey: "azure-key" });

const ir: IrChatRequest = {
  model: "public-name",
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  maxTokens: 50,
  stream: true,
};

describe("azure targets", () => {
  it("carry the key in api-key, never as a Bearer token", () => {
    expect(target().headers).toEqual({ "content-type": "application/json", "api-key": "azure-key" });
  });
});

describe("azureAdapter.chatRequest", () => {
  it("posts to the deployment URL with the default GA api-version and the OpenAI body", () => {
    const up = azureAdapter.chatRequest(ir, "gpt4o-prod", target(), 0);
    expect(AZURE_DEFAULT_API_VERSION).toBe("2024-10-21");
    expect(up.path).toBe("/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
    expect(up.headers["api-key"]).toBe("azure-key");
    const body = JSON.parse(up.body as string);
    expect(body).toMatchObject({ model: "gpt4o-prod", stream: true, max_completion_tokens: 50 });
    expect(body.max_tokens).toBeUndefined();
  });

  it("uses config.apiVersion and config.maxTokensField, and encodes the deployment name", () => {
    const t = target({ apiVersion: "2025-04-01-preview", maxTokensField: "max_tokens" });
    const up = azureAdapter.chatRequest(ir, "my deploy", t, 0);
    expect(up.path).toBe("/openai/deployments/my%20deploy/chat/completions?api-version=2025-04-01-preview");
    expect(JSON.parse(up.body as string).max_tokens).toBe(50);
  });

  it("speaks the v1 API when config.apiVersion is v1: no api-version, the deployment as model", () => {
    const up = azureAdapter.chatRequest(ir, "gpt4o-prod", target({ apiVersion: "v1" }), 0);
    expect(up.path).toBe("/openai/v1/chat/completions");
    expect(JSON.parse(up.body as string).model).toBe("gpt4o-prod");
  });
});

describe("azureAdapter.passthroughRequest", () => {
  it("sends the body it is given (the surface renamed the model) to the deployment URL", () => {
    const raw = Buffer.from(JSON.stringify({ model: "gpt4o-prod", messages: [], stream: false }));
    const up = azureAdapter.passthroughRequest(raw, "gpt4o-prod", false, target(), 0);
    expect(up.path).toBe("/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21");
    expect(up.body).toBe(raw);
  });

  it("reads answers with the OpenAI codec", () => {
    expect(azureAdapter.protocol).toBe("openai");
    expect(azureAdapter.decodeError(429, '{"error":{"message":"slow down"}}', {}, 0).code).toBe(
      "upstream_rate_limited",
    );
  });
});
