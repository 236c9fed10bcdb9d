import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiCountTokensRequestWithWarnings } from "./decode-gemini-count-tokens-request.js";
import { decodeGeminiRequest, decodeGeminiRequestWithWarnings } from "./decode-gemini-request.js";

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

const hi = { contents: [{ role: "user", parts: [{ text: "Hi" }] }] };

describe("decodeGeminiRequestWithWarnings on features the IR cannot carry", () => {
  const unmodeledCases: Array<[Record<string, unknown>, string]> = [
    [{ ...hi, tools: [{ googleSearch: {} }] }, "tools[0].googleSearch"],
    [{ ...hi, tools: [{ codeExecution: {} }] }, "tools[0].codeExecution"],
    [{ ...hi, tools: [{ urlContext: {} }] }, "tools[0].urlContext"],
    [{ ...hi, tools: [{ google_search_retrieval: {} }] }, "tools[0].googleSearchRetrieval"],
    [{ ...hi, cachedContent: "cachedContents/x" }, "cachedContent"],
    [{ ...hi, generationConfig: { candidateCount: 2 } }, "generationConfig.candidateCount"],
    [
      { ...hi, generationConfig: { responseModalities: ["TEXT", "AUDIO"] } },
      "generationConfig.responseModalities",
    ],
    [{ ...hi, generationConfig: { speechConfig: { voiceConfig: {} } } }, "generationConfig.speechConfig"],
    [
      {
        ...hi,
        generationConfig: {
          responseMimeType: "text/x.enum",
          responseSchema: { type: "STRING", enum: ["a"] },
        },
      },
      "generationConfig.responseMimeType",
    ],
    [
      {
        contents: [
          ...hi.contents,
          {
            role: "model",
            parts: [{ executableCode: { language: "PYTHON", code: "print(1)" } }, { text: "done" }],
          },
        ],
      },
      "contents[1].parts[0].executableCode",
    ],
  ];

  it.each(unmodeledCases)(
    "lists %j as unmodeled, leaves it out, and the strict decoder refuses it",
    (body, param) => {
      const { request, unmodeled } = decodeGeminiRequestWithWarnings(body, "m", false);
      expect(unmodeled).toEqual([{ param, reason: expect.stringMatching(/not supported|does not support/) }]);
      expect(JSON.stringify(request)).not.toMatch(/google|cachedContents|print|enum|AUDIO/i);
      expect(request.messages[0]).toEqual({ role: "user", content: [{ type: "text", text: "Hi" }] });
      const err = thrown(() => decodeGeminiRequest(body, "m", false));
      expect(err.code).toBe("unsupported_parameter");
      expect(err.details.param).toBe(param);
    },
  );

  it("keeps function declarations beside a built-in tool, and count_tokens decodes leniently too", () => {
    const body = { ...hi, tools: [{ googleSearch: {}, functionDeclarations: [{ name: "f" }] }] };
    const { request, unmodeled } = decodeGeminiRequestWithWarnings(body, "m", false);
    expect(request.tools).toEqual([{ name: "f", parameters: { type: "object", properties: {} } }]);
    expect(unmodeled.map((u) => u.param)).toEqual(["tools[0].googleSearch"]);
    const counted = decodeGeminiCountTokensRequestWithWarnings({ generateContentRequest: body }, "m");
    expect(counted.unmodeled.map((u) => u.param)).toEqual(["tools[0].googleSearch"]);
    expect(counted.request.stream).toBe(false);
  });

  it.each([
    [{ ...hi, tools: [{ googleSearch: true }] }, "tools[0].googleSearch"],
    [{ ...hi, cachedContent: 5 }, "cachedContent"],
    [{ ...hi, generationConfig: { responseModalities: "AUDIO" } }, "generationConfig.responseModalities"],
  ])("still refuses malformed input %j with invalid_request", (body, param) => {
    const err = thrown(() => decodeGeminiRequestWithWarnings(body, "m", false));
    expect(err.code).toBe("invalid_request");
    expect(err.details.param).toBe(param);
  });

  it("refuses a body nested 100,000 deep with a 400, not a stack overflow", () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const err = thrown(() => decodeGeminiRequest({ ...hi, generationConfig: { x: deep } }, "m", false));
    expect(err.status).toBe(400);
  });
});
