import { readFileSync } from "node:fs";
import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeVertexPredictEmbedResponse } from "./decode-vertex-predict-embed-response.js";

const fixture = JSON.parse(
  readFileSync(new URL("./__fixtures__/predict-embed-response.json", import.meta.url), "utf8"),
) as unknown;

/** Any JSON value as JSON text carries it (no -0). */
const jsonValue = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe("decodeVertexPredictEmbedResponse", () => {
  it("reads a documented :predict answer: vectors in order, token counts summed", () => {
    expect(decodeVertexPredictEmbedResponse(fixture, "embed")).toEqual({
      model: "embed",
      vectors: [
        [0.0058424929156899452, 0.011848051100969315, -0.0318290963768959],
        [-0.024707851931452751, 0.0044137928634881973, 0.0103474697098136],
      ],
      inputTokens: 2054,
    });
  });

  it("reads tokenCount as the REST reference spells it, and counts 0 when no statistics come", () => {
    const body = {
      predictions: [
        { embeddings: { values: [1], statistics: { tokenCount: 3 } } },
        { embeddings: { values: [2] } },
      ],
    };
    expect(decodeVertexPredictEmbedResponse(body, "m")).toEqual({
      model: "m",
      vectors: [[1], [2]],
      inputTokens: 3,
    });
  });

  it("answers upstream_error, naming the field, for a body that is not a :predict answer", () => {
    for (const [body, field] of [
      [{}, "predictions"],
      [{ predictions: [{}] }, "predictions[0].embeddings"],
      [{ predictions: [{ embeddings: { values: ["x"] } }] }, "predictions[0].embeddings.values[0]"],
      [{ predictions: [{ embeddings: { values: [], statistics: { token_count: -1 } } }] }, "token_count"],
    ] as const) {
      try {
        decodeVertexPredictEmbedResponse(body, "m");
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(GatewayError);
        expect((err as GatewayError).code).toBe("upstream_error");
        expect((err as GatewayError).message).toContain(field);
      }
    }
  });

  it("decodes what it is given or throws upstream_error, never anything else", () => {
    fc.assert(
      fc.property(jsonValue, (body) => {
        try {
          const ir = decodeVertexPredictEmbedResponse(body, "m");
          expect(ir.vectors.every((v) => v.every((x) => typeof x === "number"))).toBe(true);
          expect(Number.isInteger(ir.inputTokens) && ir.inputTokens >= 0).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).code).toBe("upstream_error");
        }
      }),
    );
  });

  it("returns every vector and the summed tokens of any well-formed answer", () => {
    const prediction = fc.record({
      values: fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 8 }),
      tokens: fc.nat(10_000),
    });
    fc.assert(
      fc.property(fc.array(prediction, { maxLength: 20 }), (ps) => {
        const body = JSON.parse(
          JSON.stringify({
            predictions: ps.map((p) => ({
              embeddings: { values: p.values, statistics: { truncated: false, token_count: p.tokens } },
            })),
          }),
        ) as unknown;
        const ir = decodeVertexPredictEmbedResponse(body, "m");
        expect(ir.vectors).toEqual(ps.map((p) => p.values.map((x) => JSON.parse(JSON.stringify(x)))));
        expect(ir.inputTokens).toBe(ps.reduce((n, p) => n + p.tokens, 0));
      }),
    );
  });
});
