import { isIP } from "node:net";

/**
 * Why an address is not a public unicast one ("public" when it is). Ranges follow the IANA
 * special-purpose registries; IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) take the
 * category of the embedded address.
 * @see https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
 * @see https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml
 */
export type AddressCategory =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "shared"
  | "unique-local"
  | "link-local"
  | "multicast"
  | "documentation"
  | "benchmarking"
  | "reserved"
  | "invalid";

type V4Range = [base: number, prefix: number, category: AddressCategory];

const V4_RANGES: V4Range[] = [
  [v4("0.0.0.0"), 8, "unspecified"],
  [v4("10.0.0.0"), 8, "private"],
  [v4("100.64.0.0"), 10, "shared"], // carrier-grade NAT (RFC 6598); Alibaba's metadata is 100.100.100.200
  [v4("127.0.0.0"), 8, "loopback"],
  [v4("169.254.0.0"), 16, "link-local"], // cloud metadata: 169.254.169.254
  [v4("172.16.0.0"), 12, "private"],
  [v4("192.0.0.0"), 24, "reserved"], // IETF protocol assignments
  [v4("192.0.2.0"), 24, "documentation"],
  [v4("192.88.99.0"), 24, "reserved"], // deprecated 6to4 relay anycast
  [v4("192.168.0.0"), 16, "private"],
  [v4("198.18.0.0"), 15, "benchmarking"],
  [v4("198.51.100.0"), 24, "documentation"],
  [v4("203.0.113.0"), 24, "documentation"],
  [v4("224.0.0.0"), 4, "multicast"],
  [v4("240.0.0.0"), 4, "reserved"], // includes 255.255.255.255
];

/**
 * The category of an IP address given as text (IPv4, or IPv6 with an optional zone id and brackets).
 * Text that is not an IP address is "invalid", so a caller that refuses non-public addresses fails closed.
 *
 * @example
 * addressCategory("169.254.169.254"); // "link-local"
 * addressCategory("::ffff:10.0.0.1"); // "private"
 */
export function addressCategory(ip: string): AddressCategory {
  const text = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const family = isIP(text);
  if (family === 4) return v4Category(v4(text));
  if (family === 6) return v6Category(parseV6(text.split("%", 1)[0]!));
  return "invalid";
}

function v4(text: string): number {
  const [a, b, c, d] = text.split(".").map(Number) as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function v4Category(n: number): AddressCategory {
  for (const [base, prefix, category] of V4_RANGES) {
    if (n >>> (32 - prefix) === base >>> (32 - prefix)) return category;
  }
  return "public";
}

/** Eight 16-bit groups; the text is already known to be valid IPv6 (net.isIP). */
function parseV6(text: string): number[] {
  let body = text;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const n = v4(dotted[1]!);
    tail.push(n >>> 16, n & 0xffff);
    body = body.slice(0, -dotted[1]!.length);
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const [head, rest] = body.includes("::") ? body.split("::") : [body, undefined];
  const groups = (s: string | undefined) => (s ? s.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const left = groups(head);
  const right = [...groups(rest), ...tail];
  if (rest === undefined) return [...left, ...tail];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function v6Category(g: number[]): AddressCategory {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const embedded = ((g6 << 16) | g7) >>> 0;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return "unspecified";
  if (zeroTo(7) && g7 === 1) return "loopback";
  if (zeroTo(5) && g5 === 0xffff) return v4Category(embedded); // IPv4-mapped ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return v4Category(embedded); // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return "private"; // local-use NAT64 64:ff9b:1::/48
  if ((g0 & 0xfe00) === 0xfc00) return "unique-local"; // fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return "private"; // deprecated site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  // Everything outside global unicast 2000::/3 is unassigned or special (::/96, 100::/64, ...).
  if ((g0 & 0xe000) !== 0x2000) return "reserved";
  if (g0 === 0x2002) return v4Category(((g1 << 16) | g2) >>> 0); // 6to4 embeds the IPv4 address
  if (g0 === 0x2001 && g1 === 0x0db8) return "documentation";
  if (g0 === 0x3fff && g1 < 0x1000) return "documentation"; // 3fff::/20 (RFC 9637)
  // 2001::/23: IETF protocol assignments (Teredo, ORCHID, benchmarking, AMT...), never a web server.
  if (g0 === 0x2001 && g1 < 0x0200) return "reserved";
  return "public";
}
