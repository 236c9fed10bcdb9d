import type { IrChatRequest } from "@gatehouse/protocol";
import { fakeServiceAccount } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import type { Provider } from "../../domain/provider.js";
import { buildTarget } from "../build-target.js";
import type { ProviderCredentials, UpstreamTarget } from "../upstream-target.js";
import { GoogleTokenSource } from "./google-token-source.js";
import { vertexAdapter } from "./vertex-adapter.js";
import { vertexBaseUrl } from "./vertex-location.js";

const sa = fakeServiceAccount("sa-project");
const KEY = sa.keyFile("https://oauth2.googleapis.com/token");

function target(
  config: Record<string, unknown>,
  baseUrl = "https://us-central1-aiplatform.googleapis.com/v1",
  credentials: ProviderCredentials = { serviceAccountJson: KEY },
): UpstreamTarget {
  const provider: Provider = {
    id: "p1",
    tenantId: "t1",
    name: "vertex",
    kind: "vertex",
    baseUrl,
    credentials: null,
    credentialsLastFour: null,
    disabled: false,
    origin: "platform",
    config,
    createdAt: 0,
  };
  return buildTarget(provider, credentials);
}

const ir = (stream: boolean): IrChatRequest => ({
  model: "public",
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
  stream,
});

describe("vertexAdapter.chatRequest", () => {
  it("posts the Gemini body to the publisher model path of the project and location", () => {
    const up = vertexAdapter.chatRequest(ir(false), "gemini-2.5-pro", target({ project: "my-proj" }), 0);
    expect(up.path).toBe(
      "/v1/projects/my-proj/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
    );
    expect(JSON.parse(up.body as string).contents).toEqual([{ role: "user", parts: [{ text: "Hi" }] }]);
  });

  it("streams with alt=sse; the project defaults to the key file's, the location may be global", () => {
    const t = target({ location: "global" }, vertexBaseUrl("global"));
    const up = vertexAdapter.chatRequest(ir(true), "gemini-2.5-flash", t, 0);
    expect(t.origin).toBe("https://aiplatform.googleapis.com");
    expect(up.path).toBe(
      "/v1/projects/sa-project/locations/global/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
    );
  });

  it("passes a Gemini client's body through to the same path", () => {
    const raw = Buffer.from('{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}');
    const up = vertexAdapter.passthroughRequest(raw, "gemini-2.5-pro", true, target({ project: "p" }), 0);
    expect(up.path).toBe(
      "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse",
    );
    expect(up.body).toBe(raw);
  });

  it("needs a location when the host does not name one", () => {
    const t = target({ project: "p" }, "http://127.0.0.1:9/v1");
    expect(() => vertexAdapter.chatRequest(ir(false), "m", t, 0)).toThrow(/needs a location/);
  });
});

describe("vertex targets", () => {
  it("have no static auth header, and a token source built from the key file", () => {
    const t = target({ project: "p" });
    expect(t.headers).toEqual({ "content-type": "application/json" });
    expect(t.auth).toBeInstanceOf(GoogleTokenSource);
  });

  it("cannot be built without a service account key", () => {
    expect(() => target({ project: "p" }, undefined, {})).toThrow(/no service account key/);
  });

  it("refuse a malformed location", () => {
    expect(() => vertexBaseUrl("us central")).toThrow(/not a Google Cloud location/);
    expect(vertexBaseUrl("europe-west4")).toBe("https://europe-west4-aiplatform.googleapis.com/v1");
  });
});
