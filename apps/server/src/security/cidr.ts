import { isIPv4, isIPv6 } from "node:net";
import { GatewayError } from "@gatehouse/protocol";

/** An IPv4 or IPv6 range: the network address as an unsigned integer (host bits zero) and its prefix. */
export interface Cidr {
  readonly family: 4 | 6;
  /** 32 bits for IPv4, 128 bits for IPv6. */
  readonly network: bigint;
  readonly prefix: number;
}

interface Address {
  family: 4 | 6;
  value: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;
/** ::ffff:0:0/96, where IPv4-mapped IPv6 addresses live (RFC 4291 §2.5.5.2). */
const MAPPED_PREFIX = 0xffffn << 32n;
const PREFIX_TEXT = /^(0|[1-9][0-9]{0,2})$/;
/** Longer than any address with a prefix; refused before any parsing work. */
const MAX_TEXT = 64;

/**
 * Reads an IP range for an allow-list: `a.b.c.d/n`, an IPv6 range (with `::` compression or an embedded
 * IPv4 tail such as `::ffff:1.2.3.4/128`), or a bare address meaning /32 or /128. Addresses are accepted
 * exactly when Node's `net.isIP` accepts them (so no leading zeros in IPv4 octets, no zone ids); the prefix
 * is decimal without leading zeros; a range with host bits set is refused rather than silently widened or
 * narrowed, since `10.0.0.5/8` is more likely a typo than a wish. Throws `invalid_request` naming the text.
 * See RFC 4632 §3.1 (IPv4 prefixes) and RFC 4291 §2.2-2.3 (IPv6 text forms and prefixes).
 *
 * @example
 * parseCidr("10.0.0.0/8"); // { family: 4, network: 167772160n, prefix: 8 }
 * parseCidr("2001:db8::1"); // { family: 6, network: 0x20010db8…1n, prefix: 128 }
 */
export function parseCidr(text: string): Cidr {
  if (text.length > MAX_TEXT) throw invalidCidr(text, "it is too long");
  const slash = text.indexOf("/");
  const addressText = slash === -1 ? text : text.slice(0, slash);
  const address = parseAddress(addressText);
  if (!address || addressText.includes("%")) throw invalidCidr(text, "it is not an IPv4 or IPv6 address");
  const bits = BITS[address.family];
  let prefix: number = bits;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!PREFIX_TEXT.test(prefixText) || Number(prefixText) > bits)
      throw invalidCidr(text, `the prefix length must be a whole number from 0 to ${bits}`);
    prefix = Number(prefixText);
  }
  const network = address.value & mask(bits, prefix);
  if (network !== address.value) {
    const suggestion = formatCidr({ family: address.family, network, prefix });
    throw invalidCidr(text, `host bits are set (did you mean ${suggestion}?)`);
  }
  return { family: address.family, network, prefix };
}

/**
 * The canonical text of a range, always with its prefix: dotted quad for IPv4; RFC 5952 for IPv6 (lowercase,
 * no leading zeros, the longest run of two or more zero groups compressed, leftmost on a tie, and the
 * mixed `::ffff:a.b.c.d` form for IPv4-mapped addresses, §5). `parseCidr(formatCidr(c))` equals `c`.
 *
 * @example
 * formatCidr(parseCidr("2001:DB8:0:0:0:0:0:0/32")); // "2001:db8::/32"
 */
export function formatCidr(cidr: Cidr): string {
  const address = cidr.family === 4 ? formatV4(cidr.network) : formatV6(cidr.network);
  return `${address}/${cidr.prefix}`;
}

/**
 * Whether a client address lies in the range. An IPv4 address and its IPv4-mapped IPv6 form
 * (`::ffff:10.0.0.1`, what a dual-stack socket reports for an IPv4 peer) are the same host, so either form
 * matches an IPv4 range and the equivalent `::ffff:0:0/96` range alike. A zone id (`fe80::1%eth0`) is
 * ignored. A string that is not an IP address matches nothing: allow-lists fail closed.
 *
 * @example
 * cidrContains(parseCidr("10.0.0.0/8"), "::ffff:10.1.2.3"); // true
 */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const address = parseClientAddress(ip);
  return address !== null && contains(cidr, address);
}

/**
 * Whether any range of the list contains the client address; an empty list contains nothing. The address
 * is parsed once.
 *
 * @example
 * anyCidrContains(key.allowedCidrs.map(parseCidr), request.ip);
 */
export function anyCidrContains(list: readonly Cidr[], ip: string): boolean {
  const address = parseClientAddress(ip);
  return address !== null && list.some((cidr) => contains(cidr, address));
}

function contains(cidr: Cidr, address: Address): boolean {
  if (cidr.family === address.family) {
    const bits = BITS[cidr.family];
    return (address.value & mask(bits, cidr.prefix)) === cidr.network;
  }
  // Mixed families: compare in IPv6 space, where IPv4 is ::ffff:0:0/96.
  const range = toV6(cidr);
  const value = address.family === 4 ? MAPPED_PREFIX | address.value : address.value;
  return (value & mask(128, range.prefix)) === range.network;
}

function toV6(cidr: Cidr): Cidr {
  if (cidr.family === 6) return cidr;
  return { family: 6, network: MAPPED_PREFIX | cidr.network, prefix: cidr.prefix + 96 };
}

/** The ones of the first `prefix` bits of a `bits`-bit number. */
function mask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return (all >> BigInt(bits - prefix)) << BigInt(bits - prefix);
}

function parseClientAddress(ip: string): Address | null {
  if (typeof ip !== "string" || ip.length > MAX_TEXT) return null;
  const zone = ip.indexOf("%");
  return parseAddress(zone === -1 ? ip : ip.slice(0, zone));
}

/** An address Node's `net` accepts, as an integer; null otherwise. */
function parseAddress(text: string): Address | null {
  if (isIPv4(text)) return { family: 4, value: parseV4(text) };
  if (isIPv6(text) && !text.includes("%")) return { family: 6, value: parseV6(text) };
  return null;
}

function parseV4(text: string): bigint {
  return text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

/** Expects text `isIPv6` accepted: at most one `::`, hex groups, maybe a dotted IPv4 tail. */
function parseV6(text: string): bigint {
  const halves = text.split("::");
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const zeros = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const groups = [...head, ...Array<number>(zeros).fill(0), ...tail];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

function groupsOf(part: string): number[] {
  if (part === "") return [];
  return part.split(":").flatMap((group) => {
    if (!group.includes(".")) return [Number.parseInt(group, 16)];
    const v4 = Number(parseV4(group));
    return [v4 >>> 16, v4 & 0xffff];
  });
}

function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join(".");
}

function formatV6(value: bigint): string {
  if (value >> 32n === 0xffffn) return `::ffff:${formatV4(value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  const run = longestZeroRun(groups);
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (run.length < 2) return hex(groups);
  return `${hex(groups.slice(0, run.start))}::${hex(groups.slice(run.start + run.length))}`;
}

/** The leftmost longest run of zero groups (RFC 5952 §4.2.3). */
function longestZeroRun(groups: number[]): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let i = 0; i <= groups.length; i++) {
    if (i < groups.length && groups[i] === 0) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      if (i - start > best.length) best = { start, length: i - start };
      start = -1;
    }
  }
  return best;
}

function invalidCidr(text: string, reason: string): GatewayError {
  const shown = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  return new GatewayError("invalid_request", `${JSON.stringify(shown)} is not a valid IP range: ${reason}.`);
}
