import { type FakeGoogleOAuth, fakeServiceAccount, startFakeGoogleOAuth } from "@gatehouse/test-support";
import { Agent } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GoogleTokenSource } from "./google-token-source.js";
import { parseServiceAccount } from "./parse-service-account.js";

const sa = fakeServiceAccount();
let oauth: FakeGoogleOAuth;
const upstream = new Agent();
const T0 = Date.now();
const MIN = 60_000;
/** One clock for the source and the fake, which checks the JWT's iat and exp against its own. */
let clock = T0;

beforeAll(async () => {
  oauth = await startFakeGoogleOAuth({
    publicKey: sa.publicKey,
    clientEmail: sa.clientEmail,
    expiresInSeconds: 3600,
    now: () => clock,
  });
});
afterAll(async () => {
  await oauth.close();
  await upstream.close();
});
beforeEach(() => {
  oauth.requests.length = 0;
  oauth.issued.length = 0;
});

const source = () => new GoogleTokenSource(parseServiceAccount(sa.keyFile(oauth.tokenUri)), "vertex-test");
function at(now: number) {
  clock = now;
  return { upstream, now };
}

describe("GoogleTokenSource", () => {
  it("fetches a token once and serves it from cache while fresh", async () => {
    const s = source();
    expect(await s.headers(at(T0))).toEqual({ authorization: `Bearer ${oauth.issued[0]}` });
    expect(await s.token(at(T0 + 50 * MIN))).toBe(oauth.issued[0]);
    expect(oauth.requests).toHaveLength(1);
    expect(new URLSearchParams(oauth.requests[0]!.body).get("grant_type")).toBe(
      "urn:ietf:params:oauth:grant-type:jwt-bearer",
    );
  });

  it("shares one token request between concurrent callers (single flight)", async () => {
    const s = source();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => s.token(at(T0))));
    expect(new Set(tokens)).toEqual(new Set([oauth.issued[0]]));
    expect(oauth.requests).toHaveLength(1);
  });

  it("refreshes in the background near expiry, answering with the old token meanwhile", async () => {
    const s = source();
    const first = await s.token(at(T0));
    // 57 minutes in: within 5 minutes of expiry, but still valid for more than 30 seconds.
    expect(await s.token(at(T0 + 57 * MIN))).toBe(first);
    await expect.poll(() => oauth.issued.length).toBe(2);
    await expect.poll(() => s.token(at(T0 + 57 * MIN))).toBe(oauth.issued[1]);
    expect(oauth.requests).toHaveLength(2);
  });

  it("waits for a new token once the cached one is (nearly) expired", async () => {
    const s = source();
    await s.token(at(T0));
    const token = await s.token(at(T0 + 60 * MIN - 10_000));
    expect(token).toBe(oauth.issued[1]);
  });

  it("reports a refused exchange as upstream_error with Google's reason, and retries next time", async () => {
    const s = source();
    oauth.setMode("error-400", 1);
    await expect(s.token(at(T0))).rejects.toMatchObject({
      code: "upstream_error",
      message: expect.stringContaining("token exchange failed (HTTP 400, invalid_request"),
    });
    expect(await s.token(at(T0))).toBe(oauth.issued[0]);
  });

  it("reports an unreachable token endpoint as upstream_unreachable", async () => {
    const dead = new GoogleTokenSource(
      parseServiceAccount(sa.keyFile("http://127.0.0.1:1/token")),
      "vertex-test",
    );
    await expect(dead.token(at(T0))).rejects.toMatchObject({ code: "upstream_unreachable" });
  });
});
