import { expect } from "vitest";
import type { PipelineDriver } from "./pipeline-driver.js";
import type { RawRequest } from "./raw-call.js";

/**
 * OpenAI's conversation compaction (POST /v1/responses/compact), native only: it reaches the
 * `openai-responses` upstream (an `openai` provider with `responsesApi: true`) as the client's bytes.
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 */
const responsesCompact: PipelineDriver = {
  name: "openai responses compact",
  surface: "responses",
  operation: "chat",
  stream: false,
  family: "chat",
  upstreams: ["openai-responses"],
  readsBody: true,
  request: (model) =>
    responsesCompact.withBody(
      model,
      JSON.stringify({
        model,
        input: [
          { role: "user", content: "What is a gateway?" },
          { role: "assistant", content: "A server in front of others." },
        ],
      }),
    ),
  withBody: (_model, body): RawRequest => ({
    method: "POST",
    path: "/v1/responses/compact",
    query: {},
    headers: { "content-type": "application/json" },
    body,
  }),
  wrongTypes: (model) => ({ model, input: 3 }),
  expectSuccess: (answer) => {
    const json = JSON.parse(answer.body) as { object: string; output: Array<{ type: string }> };
    expect(json.object).toBe("response.compaction");
    expect(json.output.map((o) => o.type)).toEqual(["message", "compaction"]);
  },
};

export const COMPACT_DRIVERS: readonly PipelineDriver[] = [responsesCompact];
