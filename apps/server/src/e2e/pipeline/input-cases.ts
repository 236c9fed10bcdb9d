import type { CaseContext } from "./expect-outcome.js";
import type { PipelineDriver } from "./pipeline-driver.js";
import { type ConformanceCase, refused } from "./run-conformance.js";

/** The body limit the input cases' gateway runs with (GATEHOUSE_BODY_LIMIT). */
export const BODY_LIMIT = 64 * 1024;

const withBody = (body: string | ((ctx: CaseContext) => string)) => (ctx: CaseContext) =>
  ctx.pg.call(ctx.driver.withBody(ctx.model, typeof body === "string" ? body : body(ctx)));

const readsBody = (d: PipelineDriver) => d.readsBody;

/**
 * Bad input, refused with a 4xx in the caller's shape before any upstream call or usage record: an
 * unknown model, bodies that are not JSON, not an object or of the wrong types, bodies over the limit
 * (declared up front, or chunked), and the order of the checks (the key before the body).
 */
export const INPUT_CASES: readonly ConformanceCase[] = [
  {
    name: "unknown model → 404",
    applies: (d) => d.family !== undefined,
    send: ({ pg, driver }) => pg.call(driver.request("no-such-model")),
    expected: () => refused(404, "model_not_found"),
  },
  {
    name: "body not JSON → 400",
    applies: readsBody,
    send: withBody('{"model": nope'),
    expected: () => refused(400, "invalid_json"),
  },
  {
    name: "empty body → 400",
    applies: readsBody,
    send: withBody(""),
    expected: () => refused(400, "invalid_json"),
  },
  {
    name: "body an array, not an object → 400",
    applies: readsBody,
    send: withBody("[1,2]"),
    expected: () => refused(400, "invalid_request"),
  },
  {
    name: "body a JSON string → 400",
    applies: readsBody,
    send: withBody('"hello"'),
    expected: () => refused(400, "invalid_request"),
  },
  {
    name: "fields of the wrong types → 400",
    applies: readsBody,
    send: withBody(({ driver, model }) => JSON.stringify(driver.wrongTypes(model))),
    expected: () => refused(400, "invalid_request"),
  },
  {
    name: "declared length over the limit → 413 before a body byte is sent",
    applies: readsBody,
    send: ({ pg, driver, model }) =>
      pg.call(driver.request(model), {}, { sending: { kind: "declared-only", length: BODY_LIMIT + 1 } }),
    expected: () => refused(413, "payload_too_large"),
  },
  {
    name: "chunked body passing the limit → 413 without waiting for its end",
    applies: readsBody,
    send: ({ pg, driver, model }) =>
      pg.call(driver.request(model), {}, { sending: { kind: "chunked-unended", bytes: BODY_LIMIT + 1024 } }),
    expected: () => refused(413, "payload_too_large"),
  },
  {
    name: "no key and a body over the limit → 401 (the key is checked first)",
    applies: readsBody,
    send: ({ pg, driver, model }) =>
      pg.call(
        driver.request(model),
        { key: null },
        { sending: { kind: "declared-only", length: BODY_LIMIT * 4 } },
      ),
    expected: () => refused(401, "missing_api_key"),
  },
];
