import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../domain/principal.js";
import { authorize } from "./authorize.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

const URL = "http://127.0.0.1:9/v1";
const catalog = new UnitCatalog("ten_a")
  .provider("pa", "openai", URL)
  .model("gpt-a", [{ provider: "pa" }], { aliases: ["a-alias"] })
  .model("family/*", [{ provider: "pa", upstreamModel: "*" }])
  .model("orphan", [{ provider: "missing" }])
  // Tenant B's model, on tenant A's provider id space: only the tenant check keeps A out.
  .model("gpt-b", [{ provider: "pa" }], {}, "ten_b")
  .build();

function principal(tenantId: string): Principal {
  return {
    kind: "api_key",
    id: `key_${tenantId}`,
    tenantId,
    workspaceId: "wsp_1",
    userId: null,
    serviceAccountId: null,
    allowsModel: () => true,
  };
}

function refusal(tenantId: string, model: string): GatewayError {
  try {
    authorize(catalog, principal(tenantId), model);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error(`'${model}' was authorized for ${tenantId}`);
}

/** An error as the client sees it, with the model name it quoted replaced. */
function seen(err: GatewayError, model: string) {
  return {
    status: err.status,
    code: err.code,
    details: err.details,
    message: err.message.replace(model, "M"),
  };
}

describe("authorize", () => {
  it("gives the route of a model of the principal's tenant, by name, alias or wildcard", () => {
    expect(authorize(catalog, principal("ten_a"), "gpt-a").model.name).toBe("gpt-a");
    const alias = authorize(catalog, principal("ten_a"), "a-alias");
    expect([alias.model.name, alias.requestedName]).toEqual(["gpt-a", "a-alias"]);
    const wild = authorize(catalog, principal("ten_a"), "family/x-1");
    expect(wild.groups[0]![0]!.upstreamModel).toBe("x-1");
  });

  it("answers a model without a reachable deployment 404 model_not_found, naming the param", () => {
    const err = refusal("ten_a", "orphan");
    expect([err.status, err.code, err.details.param]).toEqual([404, "model_not_found", "model"]);
  });

  it("answers another tenant's model exactly as a model that does not exist", () => {
    const crossTenant = refusal("ten_a", "gpt-b");
    const unknown = refusal("ten_a", "no-such-model");
    expect(seen(crossTenant, "gpt-b")).toEqual(seen(unknown, "no-such-model"));
    expect(authorize(catalog, principal("ten_b"), "gpt-b").model.tenantId).toBe("ten_b");
  });

  it("for any name: a route of the tenant, or the very answer an unknown name gets", () => {
    const unknown = refusal("ten_a", "no-such-model");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom("gpt-a", "gpt-b", "family/", "orphan")), (name) => {
        let route: ReturnType<typeof authorize> | undefined;
        try {
          route = authorize(catalog, principal("ten_a"), name);
        } catch (err) {
          const e = err as GatewayError;
          expect([e.status, e.code, e.details]).toEqual([unknown.status, unknown.code, unknown.details]);
          expect(e.message).toBe(unknown.message.replace("no-such-model", () => name));
          return;
        }
        expect(route.model.tenantId).toBe("ten_a");
      }),
      { numRuns: 300 },
    );
  });
});
