import { BlockList } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressCategory } from "./address-category.js";
import { isForbiddenAddress } from "./is-forbidden-address.js";

/** An independent oracle for IPv4: Node's BlockList over the IANA special-purpose ranges. */
const FORBIDDEN_V4 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  FORBIDDEN_V4.addSubnet(net, prefix, "ipv4");

const octets = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const ipv4 = octets.map((o) => o.join("."));
const hex = (n: number) => n.toString(16);
const mappedHex = (o: number[]) => `::ffff:${hex((o[0]! << 8) | o[1]!)}:${hex((o[2]! << 8) | o[3]!)}`;

describe("isForbiddenAddress, IPv4", () => {
  it.each([
    ["169.254.169.254", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["10.1.2.3", true],
    ["172.16.0.1", true],
    ["172.31.255.255", true],
    ["172.32.0.0", false],
    ["172.15.255.255", false],
    ["192.168.1.1", true],
    ["100.63.255.255", false],
    ["100.64.0.0", true],
    ["100.100.100.200", true],
    ["100.127.255.255", true],
    ["100.128.0.0", false],
    ["0.0.0.0", true],
    ["0.255.255.255", true],
    ["1.0.0.0", false],
    ["224.0.0.1", true],
    ["239.255.255.255", true],
    ["255.255.255.255", true],
    ["198.18.0.1", true],
    ["198.20.0.0", false],
    ["8.8.8.8", false],
    ["93.184.216.34", false],
    ["223.255.255.255", false],
  ])("%s → forbidden %s", (ip, forbidden) => {
    expect(isForbiddenAddress(ip)).toBe(forbidden);
  });

  it("agrees with an independent BlockList oracle on every IPv4 address", () => {
    fc.assert(
      fc.property(ipv4, (ip) => isForbiddenAddress(ip) === FORBIDDEN_V4.check(ip, "ipv4")),
      { numRuns: 20_000 },
    );
  });

  it("forbids every address inside a forbidden range, down to its edges", () => {
    const ranges = fc.constantFrom(
      [0x0a000000, 8],
      [0x7f000000, 8],
      [0xa9fe0000, 16],
      [0xac100000, 12],
      [0xc0a80000, 16],
      [0x64400000, 10],
      [0xe0000000, 3],
    );
    fc.assert(
      fc.property(ranges, fc.oneof(fc.constant(0), fc.constant(-1), fc.nat()), ([base, prefix], off) => {
        const size = 2 ** (32 - prefix!);
        const n = base! + (off === -1 ? size - 1 : off % size);
        const ip = [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
        return isForbiddenAddress(ip);
      }),
    );
  });
});

describe("isForbiddenAddress, IPv6", () => {
  it.each([
    ["::1", true],
    ["[::1]", true],
    ["::", true],
    ["0:0:0:0:0:0:0:1", true],
    ["fc00::1", true],
    ["fd12:3456::1", true],
    ["fe80::1", true],
    ["fe80::1%eth0", true],
    ["febf::1", true],
    ["ff02::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::FFFF:A9FE:A9FE", true],
    ["::ffff:169.254.169.254", true],
    ["::ffff:10.0.0.1", true],
    ["::ffff:8.8.8.8", false],
    ["64:ff9b::a9fe:a9fe", true],
    ["64:ff9b::8.8.8.8", false],
    ["64:ff9b:1::1", true],
    ["2002:7f00:1::1", true],
    ["2002:808:808::1", false],
    ["2001:db8::1", true],
    ["2001::1", true],
    ["3fff::1", true],
    ["::127.0.0.1", true],
    ["100::1", true],
    ["2606:4700:4700::1111", false],
    ["2a00:1450:4001:81a::200e", false],
  ])("%s → forbidden %s", (ip, forbidden) => {
    expect(isForbiddenAddress(ip)).toBe(forbidden);
  });

  it("judges an IPv4-mapped or NAT64 address exactly as the IPv4 address it carries", () => {
    fc.assert(
      fc.property(octets, (o) => {
        const verdict = isForbiddenAddress(o.join("."));
        return (
          isForbiddenAddress(`::ffff:${o.join(".")}`) === verdict &&
          isForbiddenAddress(mappedHex(o)) === verdict &&
          isForbiddenAddress(`64:ff9b::${o.join(".")}`) === verdict &&
          isForbiddenAddress(`2002:${mappedHex(o).slice(7)}::1`) === verdict
        );
      }),
      { numRuns: 5_000 },
    );
  });

  it("forbids everything outside global unicast 2000::/3 that embeds no IPv4 address", () => {
    const group = fc.nat(0xffff);
    const outside = group.filter((g) => (g & 0xe000) !== 0x2000 && g !== 0 && g !== 0x64);
    fc.assert(
      fc.property(outside, fc.array(group, { minLength: 7, maxLength: 7 }), (g0, rest) =>
        isForbiddenAddress([g0, ...rest].map(hex).join(":")),
      ),
    );
  });

  it("gives the same verdict to the compressed and the expanded spelling", () => {
    const group = fc.oneof(fc.constant(0), fc.nat(0xffff));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (g) => {
        const expanded = g.map((x) => hex(x).padStart(4, "0")).join(":");
        const compressed = g
          .map(hex)
          .join(":")
          .replace(/(^|:)0(:0)+(:|$)/, "::");
        return addressCategory(expanded) === addressCategory(compressed);
      }),
    );
  });
});

describe("isForbiddenAddress, policy edges", () => {
  it("fails closed on text that is not an IP address", () => {
    for (const s of ["", "localhost", "127.1", "0x7f.0.0.1", "2130706433", "::g", "1.2.3.4.5"])
      expect(isForbiddenAddress(s)).toBe(true);
  });

  it("allowPrivate admits loopback, RFC 1918, CGNAT and unique-local, never metadata or reserved", () => {
    const allow = { allowPrivate: true };
    for (const ip of [
      "127.0.0.1",
      "10.0.0.1",
      "192.168.0.10",
      "100.64.1.1",
      "fd00::1",
      "::1",
      "::ffff:127.0.0.1",
    ])
      expect(isForbiddenAddress(ip, allow)).toBe(false);
    for (const ip of [
      "169.254.169.254",
      "::ffff:169.254.169.254",
      "fe80::1",
      "0.0.0.0",
      "::",
      "224.0.0.1",
      "240.0.0.1",
    ])
      expect(isForbiddenAddress(ip, allow)).toBe(true);
  });
});
