import { describe, expect, it } from "vitest";
import { throttleIpKey } from "./throttle-ip-key.js";

describe("throttleIpKey", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    [" 192.0.2.1 ", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["::FFFF:c000:0201", "192.0.2.1"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002::ffff", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    ["unknown", "unknown"],
  ])("%j → %j", (ip, key) => {
    expect(throttleIpKey(ip)).toBe(key);
  });

  it("puts every address of one /64 under one key", () => {
    expect(throttleIpKey("2001:db8:a:b:1::1")).toBe(throttleIpKey("2001:db8:a:b:ffff:ffff:ffff:ffff"));
    expect(throttleIpKey("2001:db8:a:b::1")).not.toBe(throttleIpKey("2001:db8:a:c::1"));
  });
});
