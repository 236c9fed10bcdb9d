import { BlockList, isIPv6 } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyCidrContains, type Cidr, cidrContains, formatCidr, parseCidr } from "./cidr.js";

const v4Value = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n });
const v6Value = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });
const address = fc.oneof(
  v4Value.map((value) => ({ family: 4 as const, value })),
  v6Value.map((value) => ({ family: 6 as const, value })),
);

function bitsOf(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

/** A range with host bits cleared, any family and prefix. */
const cidr: fc.Arbitrary<Cidr> = address.chain(({ family, value }) =>
  fc.integer({ min: 0, max: bitsOf(family) }).map((prefix) => {
    const host = bitsOf(family) - prefix;
    return { family, network: (value >> BigInt(host)) << BigInt(host), prefix };
  }),
);

/** The text of an address: the address part of its /32 or /128. */
function addressText(family: 4 | 6, value: bigint): string {
  return formatCidr({ family, network: value, prefix: bitsOf(family) }).split("/")[0]!;
}

const ipText = address.map(({ family, value }) => addressText(family, value));

describe("parseCidr", () => {
  it.each([
    ["10.0.0.0/8", 4, 0x0a000000n, 8],
    ["192.168.1.7", 4, 0xc0a80107n, 32],
    ["0.0.0.0/0", 4, 0n, 0],
    ["::/0", 6, 0n, 0],
    ["::1", 6, 1n, 128],
    ["2001:DB8::/32", 6, 0x20010db8n << 96n, 32],
    ["::ffff:1.2.3.4/128", 6, (0xffffn << 32n) | 0x01020304n, 128],
    ["1:2:3:4:5:6:7:8", 6, 0x00010002000300040005000600070008n, 128],
    ["1::", 6, 1n << 112n, 128],
  ])("reads %s", (text, family, network, prefix) => {
    expect(parseCidr(text)).toEqual({ family, network, prefix });
  });

  it.each([
    ["empty", ""],
    ["a hostname", "localhost"],
    ["leading zeros in an octet", "010.0.0.1/8"],
    ["a short IPv4", "10.0.0/24"],
    ["an octet over 255", "10.0.0.256"],
    ["a prefix over 32", "10.0.0.0/33"],
    ["a prefix over 128", "::/129"],
    ["an empty prefix", "10.0.0.0/"],
    ["a prefix with a leading zero", "10.0.0.0/08"],
    ["a signed prefix", "10.0.0.0/+8"],
    ["two slashes", "10.0.0.0/8/8"],
    ["a zone id", "fe80::1%eth0/128"],
    ["brackets", "[::1]/128"],
    ["two ::", "1::2::3"],
    ["surrounding space", " 10.0.0.0/8"],
    ["host bits set (IPv4)", "10.0.0.5/8"],
    ["host bits set (IPv6)", "2001:db8::1/64"],
    ["a very long text", `${"1".repeat(500)}/8`],
  ])("refuses %s with invalid_request naming the text", (_case, text) => {
    let error: unknown;
    try {
      parseCidr(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe("invalid_request");
    expect((error as GatewayError).message).toContain(JSON.stringify(text.slice(0, 64)).slice(0, -1));
  });

  it("suggests the network when host bits are set", () => {
    expect(() => parseCidr("10.1.2.3/16")).toThrow(/did you mean 10\.1\.0\.0\/16/);
  });

  it("accepts exactly the addresses Node accepts, as bare /128 ranges", () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        fc.pre(isIPv6(text));
        const parsed = parseCidr(text);
        expect(parsed.prefix).toBe(128);
        // The WHATWG URL parser is an independent IPv6 reader: both readings must agree.
        const viaUrl = new URL(`http://[${text}]/`).hostname.slice(1, -1);
        expect(parseCidr(viaUrl)).toEqual(parsed);
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), (text) => {
        expect(formatCidr(parseCidr(text))).toBe(`${text}/32`);
      }),
    );
  });

  it("round-trips: parse(format(c)) equals c", () => {
    fc.assert(
      fc.property(cidr, (c) => {
        expect(parseCidr(formatCidr(c))).toEqual(c);
      }),
    );
  });
});

describe("formatCidr", () => {
  it.each([
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1/128"],
    ["2001:db8:0:1:0:0:0:1/128", "2001:db8:0:1::1/128"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4/128"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1/128"],
    ["::ffff:0a00:0001", "::ffff:10.0.0.1/128"],
    ["::", "::/128"],
  ])("writes %s as RFC 5952 text %s", (text, expected) => {
    expect(formatCidr(parseCidr(text))).toBe(expected);
  });

  it("compresses IPv6 like the WHATWG URL serializer outside the IPv4-mapped range", () => {
    fc.assert(
      fc.property(v6Value, (value) => {
        fc.pre(value >> 32n !== 0xffffn);
        expect(addressText(6, value)).toBe(
          new URL(`http://[${addressText(6, value)}]/`).hostname.slice(1, -1),
        );
      }),
    );
  });
});

describe("cidrContains", () => {
  it("matches an address against its own /32 or /128", () => {
    fc.assert(
      fc.property(address, ({ family, value }) => {
        const text = addressText(family, value);
        expect(cidrContains(parseCidr(text), text)).toBe(true);
        expect(cidrContains(parseCidr(`${text}/${bitsOf(family)}`), text)).toBe(true);
      }),
    );
  });

  it("matches every address of its family with a /0", () => {
    fc.assert(
      fc.property(v4Value, v6Value, (v4, v6) => {
        expect(cidrContains(parseCidr("0.0.0.0/0"), addressText(4, v4))).toBe(true);
        expect(cidrContains(parseCidr("::/0"), addressText(6, v6))).toBe(true);
      }),
    );
  });

  it("keeps matching as the prefix shortens: contains(a/n) implies contains(a/m) for m < n", () => {
    fc.assert(
      fc.property(cidr, ipText, fc.nat(), (range, ip, n) => {
        const m = n % (range.prefix + 1);
        const host = bitsOf(range.family) - m;
        const wider = { ...range, network: (range.network >> BigInt(host)) << BigInt(host), prefix: m };
        if (cidrContains(range, ip)) expect(cidrContains(wider, ip)).toBe(true);
      }),
    );
    // Most random pairs do not match; also check the implication on pairs built to match.
    fc.assert(
      fc.property(address, fc.nat(), fc.nat(), ({ family, value }, a, b) => {
        const bits = bitsOf(family);
        const [m, n] = [a % (bits + 1), b % (bits + 1)].sort((x, y) => x - y) as [number, number];
        const net = (p: number) => (value >> BigInt(bits - p)) << BigInt(bits - p);
        const ip = addressText(family, value);
        expect(cidrContains({ family, network: net(n), prefix: n }, ip)).toBe(true);
        expect(cidrContains({ family, network: net(m), prefix: m }, ip)).toBe(true);
      }),
    );
  });

  it("agrees with Node's net.BlockList", () => {
    fc.assert(
      fc.property(cidr, fc.nat(), fc.boolean(), (range, offset, inside) => {
        const bits = bitsOf(range.family);
        const span = 1n << BigInt(bits - range.prefix);
        // Half the probes inside the range, half anywhere.
        const value = inside
          ? range.network + (BigInt(offset) % span)
          : BigInt(offset) % (1n << BigInt(bits));
        const ip = addressText(range.family, value);
        const list = new BlockList();
        list.addSubnet(formatCidr(range).split("/")[0]!, range.prefix, range.family === 4 ? "ipv4" : "ipv6");
        expect(cidrContains(range, ip)).toBe(list.check(ip, range.family === 4 ? "ipv4" : "ipv6"));
      }),
    );
  });

  it("treats IPv4-mapped IPv6 client addresses as their IPv4 address", () => {
    const range = parseCidr("10.0.0.0/8");
    expect(cidrContains(range, "::ffff:10.0.0.1")).toBe(true);
    expect(cidrContains(range, "::FFFF:a00:1")).toBe(true);
    expect(cidrContains(range, "::ffff:11.0.0.1")).toBe(false);
    expect(cidrContains(range, "::10.0.0.1")).toBe(false); // IPv4-compatible, not mapped
    expect(cidrContains(parseCidr("::ffff:10.0.0.0/104"), "10.9.9.9")).toBe(true);
    expect(cidrContains(parseCidr("::ffff:10.0.0.0/104"), "11.9.9.9")).toBe(false);
    fc.assert(
      fc.property(cidr, v4Value, (c, v4) => {
        fc.pre(c.family === 4);
        const text = addressText(4, v4);
        expect(cidrContains(c, `::ffff:${text}`)).toBe(cidrContains(c, text));
      }),
    );
  });

  it("does not match across families otherwise", () => {
    expect(cidrContains(parseCidr("0.0.0.0/0"), "2001:db8::1")).toBe(false);
    expect(cidrContains(parseCidr("2001:db8::/32"), "10.0.0.1")).toBe(false);
  });

  it("ignores a zone id and matches nothing for text that is not an address", () => {
    expect(cidrContains(parseCidr("fe80::/10"), "fe80::1%eth0")).toBe(true);
    for (const junk of ["", "localhost", "10.0.0.1/32", "010.0.0.1", "::1 ", "%eth0", "10.0.0.1:443"]) {
      expect(cidrContains(parseCidr("0.0.0.0/0"), junk)).toBe(false);
      expect(cidrContains(parseCidr("::/0"), junk)).toBe(false);
    }
  });
});

describe("anyCidrContains", () => {
  it("matches when any range matches, never for an empty list", () => {
    const list = ["10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"].map(parseCidr);
    expect(anyCidrContains(list, "192.168.3.4")).toBe(true);
    expect(anyCidrContains(list, "2001:db8:1::9")).toBe(true);
    expect(anyCidrContains(list, "::ffff:10.2.3.4")).toBe(true);
    expect(anyCidrContains(list, "172.16.0.1")).toBe(false);
    expect(anyCidrContains(list, "not an ip")).toBe(false);
    expect(anyCidrContains([], "10.0.0.1")).toBe(false);
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 5 }), ipText, (ranges, ip) => {
        expect(anyCidrContains(ranges, ip)).toBe(ranges.some((r) => cidrContains(r, ip)));
      }),
    );
  });
});
