import { isIPv6 } from "node:net";

/**
 * The key an address is throttled under: an IPv4 address as is (IPv4-mapped IPv6 included), an IPv6
 * address by its /64. One IPv6 subscriber usually holds a whole /64 (RFC 6177), so counting single
 * IPv6 addresses would give an attacker 2^64 fresh counters for free.
 *
 * @example
 * throttleIpKey("2001:db8:1:2:3:4:5:6"); // "2001:db8:1:2::/64"
 * throttleIpKey("::ffff:192.0.2.1"); // "192.0.2.1"
 */
export function throttleIpKey(ip: string): string {
  const bare = ip.trim().toLowerCase().replace(/%.*$/, ""); // a zone id (`fe80::1%eth0`) is local detail
  if (!isIPv6(bare)) return bare; // IPv4, or whatever the edge handed us, as is
  const groups = expandIPv6(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** A valid IPv6 text address as its eight 16-bit groups (`::` filled in, a dotted tail converted). */
function expandIPv6(address: string): number[] {
  const parse = (part: string): number[] =>
    part === ""
      ? []
      : part.split(":").flatMap((group) => {
          if (!group.includes(".")) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split(".").map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = "", tail] = address.split("::");
  if (tail === undefined) return parse(head);
  const left = parse(head);
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
