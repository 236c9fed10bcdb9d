import { CONTRACTS } from "@gatehouse/contracts";
import {
  type FakeStripe,
  type OidcTestProvider,
  type SmtpSink,
  startFakeStripe,
  startSmtpSink,
} from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../../email/smtp-mailer.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { parsePrivateUpstreamAllowList } from "../../security/private-upstream-allow-list.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { matrixStripe } from "./testing/matrix-billing.js";
import { MATRIX_UPSTREAM, missingFixtures } from "./testing/matrix-fixtures.js";
import { type CellResult, mismatchTable, runMatrix } from "./testing/matrix-runner.js";
import { configureSso } from "./testing/matrix-sso.js";
import { credentialsIn } from "./testing/matrix-visibility.js";
import { MatrixWorld } from "./testing/matrix-world.js";

// The authorization matrix: every contract × eleven principals × objects of tenant A, of tenant B, and
// tenant A naming B's objects, each answer checked against what the contract's access rule and the
// principal's roles allow. See docs/security.md, "Authorization matrix".

// Cheap argon2id parameters: authorization is under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
let gw: TestGateway;
let smtp: SmtpSink;
let op: OidcTestProvider | undefined;
let results: CellResult[] = [];
let stripe: FakeStripe | undefined;

beforeAll(async () => {
  smtp = await startSmtpSink();
  stripe = await startFakeStripe();
  gw = await startTestGateway({
    // Billing's checkout reaches a fake Stripe, so its allowed cells succeed.
    billing: { stripe: matrixStripe(stripe.url) },
    passwordHasher: hasher,
    mailer: createSmtpMailer({ url: smtp.url, from: "Gatehouse <gh@matrix.test>" }),
    identity: { signUpEnabled: true, publicUrl: "https://gatehouse.test" },
    // Tenant providers may point at the matrix's unreachable loopback upstream, as an operator allows.
    allowedPrivateUpstreams: parsePrivateUpstreamAllowList(MATRIX_UPSTREAM),
  });
  if (missingFixtures(CONTRACTS).length > 0) return;
  const world = await MatrixWorld.build(gw, smtp);
  op = await configureSso(world);
  const probe = await world.signUp("probe");
  results = await runMatrix(world, CONTRACTS, probe.email);
}, 120_000);

afterAll(async () => {
  await gw?.close();
  await smtp?.close();
  await op?.close();
  await stripe?.close();
});

describe("authorization matrix", () => {
  it("has a fixture for every path parameter of every contract", () => {
    expect(missingFixtures(CONTRACTS)).toEqual([]);
  });

  it("answers every contract × principal × object owner as the access rules say", () => {
    expect(results.length).toBeGreaterThan(CONTRACTS.length * 11);
    const table = mismatchTable(results);
    expect(table, table).toBe("");
  });

  it("answers 404 to tenant B's principals for everything of tenant A", () => {
    // Public operations (an SSO login's start) answer every caller alike, whoever's tenant they name;
    // operator operations (billing plans) act on installation-wide objects no tenant owns: 403 to all.
    const publicIds = new Set(
      CONTRACTS.filter(
        (c) => c.access === "public" || (typeof c.access === "object" && c.access.operator),
      ).map((c) => c.id),
    );
    const leaks = results.filter(
      (r) =>
        r.principal.startsWith("B.") &&
        r.owner !== "B" &&
        r.owner !== "-" &&
        !publicIds.has(r.contract) &&
        r.got !== 404,
    );
    expect(leaks.map((r) => `${r.contract} ${r.principal} ${r.owner}: ${r.got}`)).toEqual([]);
  });

  it("is not vacuous: every answer class occurs, and every credential succeeds somewhere beyond public operations", () => {
    const statuses = new Set(results.map((r) => r.got));
    for (const status of [200, 201, 204, 401, 403, 404]) expect(statuses, String(status)).toContain(status);
    const publicIds = new Set(CONTRACTS.filter((c) => c.access === "public").map((c) => c.id));
    const guarded = results.filter((r) => !publicIds.has(r.contract) && r.got < 300);
    const succeeded = new Set(guarded.map((r) => r.principal));
    expect([...succeeded].sort()).toEqual(
      [...new Set(results.map((r) => r.principal))]
        .filter((p) => p !== "anonymous" && p !== "expired")
        .sort(),
    );
  });

  it("never writes a provider's or single sign-on's credential to the log", () => {
    expect(results.length).toBeGreaterThan(0);
    expect(gw.logs.flatMap(credentialsIn)).toEqual([]);
  });

  it("covers every contract and every principal", () => {
    expect(new Set(results.map((r) => r.contract))).toEqual(new Set(CONTRACTS.map((c) => c.id)));
    expect(new Set(results.map((r) => r.principal)).size).toBe(11);
  });
});
