import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTenantUpstreamUrl } from "./check-tenant-upstream-url.js";
import {
  allowsAddress,
  allowsHostPort,
  EMPTY_ALLOW_LIST,
  parsePrivateUpstreamAllowList,
} from "./private-upstream-allow-list.js";

describe("parsePrivateUpstreamAllowList", () => {
  it("reads CIDRs, bare addresses and host:port pairs", () => {
    const list = parsePrivateUpstreamAllowList(
      " 10.20.0.0/16, fd00::1 ,Ollama.Internal:11434,,127.0.0.1:8080",
    );
    expect(allowsAddress(list, "10.20.3.4")).toBe(true);
    expect(allowsAddress(list, "10.21.0.1")).toBe(false);
    expect(allowsAddress(list, "fd00::1")).toBe(true);
    expect(allowsHostPort(list, "ollama.internal", 11434)).toBe(true);
    expect(allowsHostPort(list, "ollama.internal", "11435")).toBe(false);
    expect(allowsHostPort(list, "127.0.0.1", "8080")).toBe(true);
    expect(allowsAddress(list, "127.0.0.1")).toBe(false);
  });

  it("refuses a bad entry with invalid_request, and never throws anything else", () => {
    expect(() => parsePrivateUpstreamAllowList("10.0.0.5/8")).toThrow(GatewayError);
    expect(() => parsePrivateUpstreamAllowList("host:99999")).toThrow(/neither/);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parsePrivateUpstreamAllowList(text);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).code).toBe("invalid_request");
        }
      }),
    );
  });
});

describe("checkTenantUpstreamUrl", () => {
  it("refuses literal private, loopback, link-local addresses and localhost with a 400 naming the setting", () => {
    for (const url of [
      "http://10.0.0.5:8000/v1",
      "http://127.0.0.1:11434",
      "http://[::1]:8080",
      "http://169.254.169.254/latest",
      "http://localhost:11434",
    ]) {
      expect(() => checkTenantUpstreamUrl(url, EMPTY_ALLOW_LIST), url).toThrow(
        /GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS/,
      );
    }
  });

  it("lets public addresses, names (checked at connect time) and allow-listed ones through", () => {
    const list = parsePrivateUpstreamAllowList("10.0.0.0/8,127.0.0.1:11434");
    expect(() => checkTenantUpstreamUrl("https://api.openai.com/v1", EMPTY_ALLOW_LIST)).not.toThrow();
    expect(() => checkTenantUpstreamUrl("http://93.184.216.34", EMPTY_ALLOW_LIST)).not.toThrow();
    expect(() => checkTenantUpstreamUrl("http://10.1.2.3:8000/v1", list)).not.toThrow();
    expect(() => checkTenantUpstreamUrl("http://127.0.0.1:11434", list)).not.toThrow();
    expect(() => checkTenantUpstreamUrl("http://127.0.0.1:11435", list)).toThrow(/loopback/);
  });
});
