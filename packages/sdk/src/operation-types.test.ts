import type { ApiKeySchema, WorkspaceSchema } from "@gatehouse/contracts";
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { createGatehouseClient } from "./create-gatehouse-client.js";
import type { OperationInput, OperationOutput, PageItem, PaginatedOperationId } from "./operation-types.js";

// Checked by tsc (tsconfig.check.json covers tests): the types are inferred from the contracts.
describe("operation types", () => {
  const client = createGatehouseClient({ baseUrl: "http://127.0.0.1:1", fetch: async () => new Response() });

  it("types each operation's input and answer from its contract", () => {
    expectTypeOf<OperationOutput<"keys.create">>().toEqualTypeOf<{
      key: z.output<typeof ApiKeySchema>;
      secret: string;
    }>();
    expectTypeOf<OperationInput<"keys.create">["params"]>().toEqualTypeOf<{
      tenantId: string;
      workspaceId: string;
    }>();
    expectTypeOf<OperationInput<"keys.create">["body"]["name"]>().toEqualTypeOf<string>();
    expectTypeOf<OperationOutput<"workspaces.delete">>().toEqualTypeOf<null>();
    expectTypeOf<OperationOutput<"audit.export">>().toEqualTypeOf<string>();
    expectTypeOf(client.workspaces.get).returns.resolves.toEqualTypeOf<z.output<typeof WorkspaceSchema>>();
    expectTypeOf(client.call<"tenants.list">).returns.resolves.toHaveProperty("nextCursor");
  });

  it("requires params and body where the contract does, and nothing where it does not", () => {
    const check = () => {
      void client.tenants.list();
      void client.auth.me();
      void client.tenants.list({ query: { limit: 10 } });
      void client.keys.revoke({ params: { tenantId: "t", keyId: "k" } });
      // @ts-expect-error keys.create needs its params and body
      void client.keys.create();
      // @ts-expect-error the body of workspaces.create has no field `nam`
      void client.workspaces.create({ params: { tenantId: "t" }, body: { nam: "x" } });
      // @ts-expect-error no operation has this id
      void client.call("keys.explode");
      // @ts-expect-error limit is a number
      void client.call("tenants.list", { query: { limit: "ten" } });
    };
    expectTypeOf(check).toBeFunction();
  });

  it("paginates only list operations, yielding their items", () => {
    expectTypeOf<"keys.list">().toExtend<PaginatedOperationId>();
    expectTypeOf<"keys.get">().not.toExtend<PaginatedOperationId>();
    expectTypeOf<"roles.list">().not.toExtend<PaginatedOperationId>();
    expectTypeOf<PageItem<"keys.list">>().toEqualTypeOf<z.output<typeof ApiKeySchema>>();
  });
});
