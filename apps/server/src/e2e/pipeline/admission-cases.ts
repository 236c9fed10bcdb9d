import { expect } from "vitest";
import { hashApiKey } from "../../auth/api-key-format.js";
import type { CaseContext } from "./expect-outcome.js";
import type { PipelineDriver } from "./pipeline-driver.js";
import type { RawAnswer } from "./raw-call.js";
import {
  REFUSED_RETRY_AFTER_SECONDS,
  type RecordingAdmission,
  type RefusingAdmission,
} from "./recording-admission.js";
import { type ConformanceCase, refused, served } from "./run-conformance.js";

const always = () => true;
const send = ({ pg, driver, model }: CaseContext) => pg.call(driver.request(model));

/** A refusing admission: every row answers 429 with its retry-after, nothing goes upstream or is recorded. */
export function refusedCases(admission: RefusingAdmission): ConformanceCase[] {
  return [
    {
      name: "refused by admission → 429 with retry-after",
      applies: always,
      send,
      expected: () => ({ ...refused(429, "rate_limited"), retryAfter: String(REFUSED_RETRY_AFTER_SECONDS) }),
      verify: async (_ctx, answer) => expect(admission.refused).toContain(answer.requestId),
    },
  ];
}

/**
 * What admission saw of one request: admitted once, with the principal of the key, the model as the
 * client named it and the operation; settled exactly once, with the cost the usage record holds (0 when
 * nothing was recorded).
 */
async function expectAdmitted(
  admission: RecordingAdmission,
  { pg, driver, model }: CaseContext,
  answer: RawAnswer,
  cost: "positive" | "zero",
): Promise<void> {
  const admitted = admission.of(answer.requestId);
  expect(admitted).toHaveLength(1);
  const key = await pg.gw.store.apiKeys.findByHash(hashApiKey(pg.gw.key));
  expect(admitted[0]!.scope).toMatchObject({
    principal: { kind: "api_key", id: key!.id, tenantId: pg.gw.tenant.id, workspaceId: pg.gw.workspace.id },
    requestedModel: driver.family === undefined ? undefined : model,
    operation: driver.operation,
    surface: driver.surface,
  });
  const settles = await admission.settlesOf(answer.requestId);
  expect(settles).toHaveLength(1);
  const rec = await pg.usage(answer.requestId);
  expect(settles[0]).toBe(rec?.costNano ?? 0);
  if (cost === "positive") expect(settles[0]).toBeGreaterThan(0);
  else expect(settles[0]).toBe(0);
}

const upstreamRow = (d: PipelineDriver) => d.upstreams.length > 0;

/** An admitting admission: what it is given, and that each admitted request settles once with its cost. */
export function admittedCases(admission: RecordingAdmission): ConformanceCase[] {
  const never = async (_ctx: CaseContext, answer: RawAnswer) =>
    expect(admission.of(answer.requestId)).toEqual([]);
  return [
    {
      name: "admitted and served → settled once with its cost",
      applies: always,
      send,
      expected: ({ driver }) => served(driver),
      verify: (ctx, answer) =>
        expectAdmitted(admission, ctx, answer, upstreamRow(ctx.driver) ? "positive" : "zero"),
    },
    {
      name: "admitted, upstream 500 → settled once with 0",
      applies: upstreamRow,
      send: (ctx) => {
        ctx.pg.fakes[ctx.upstream!].setMode("error-500", 1);
        return send(ctx);
      },
      expected: () => ({ status: 502, code: "upstream_error", usage: "error", upstreamCalls: 1 }),
      verify: (ctx, answer) => expectAdmitted(admission, ctx, answer, "zero"),
    },
    {
      name: "admitted, client leaves mid-stream → settled once with the delivered part's cost",
      applies: (d) => d.stream,
      send: ({ pg, driver, model, upstream }) => {
        pg.fakes[upstream!].setMode("slow", 1);
        return pg.call(driver.request(model), {}, { leaveAfterChunks: 1 });
      },
      expected: () => ({
        status: 200,
        usage: "interrupted",
        upstreamCalls: 1,
        logStatus: 499,
        clientLeft: true,
      }),
      verify: (ctx, answer) => expectAdmitted(admission, ctx, answer, "positive"),
    },
    {
      name: "no key → 401, never admitted",
      applies: always,
      send: ({ pg, driver, model }) => pg.call(driver.request(model), { key: null }),
      expected: () => refused(401, "missing_api_key"),
      verify: never,
    },
    {
      name: "unknown model → 404, never admitted",
      applies: (d) => d.family !== undefined,
      send: ({ pg, driver }) => pg.call(driver.request("no-such-model")),
      expected: () => refused(404, "model_not_found"),
      verify: never,
    },
    {
      name: "body not JSON → 400, never admitted",
      applies: (d) => d.readsBody,
      send: ({ pg, driver, model }) => pg.call(driver.withBody(model, "{")),
      expected: () => refused(400, "invalid_json"),
      verify: never,
    },
  ];
}
