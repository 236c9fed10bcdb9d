import { type AddressCategory, addressCategory } from "./address-category.js";

/** Options of the address policy. */
export interface AddressPolicyOptions {
  /**
   * Also allow loopback, RFC 1918, carrier-grade NAT and unique-local addresses (tests and local
   * development). Link-local (cloud metadata at 169.254.169.254), unspecified, multicast and reserved
   * addresses stay forbidden even then: nothing legitimate is served there.
   */
  allowPrivate?: boolean;
}

const PRIVATE_BUT_ALLOWABLE: ReadonlySet<AddressCategory> = new Set([
  "loopback",
  "private",
  "shared",
  "unique-local",
]);

/**
 * Whether connecting to this IP address is refused by the SSRF policy: anything that is not public
 * unicast (see {@link addressCategory}), and any text that is not an IP address (fail closed).
 *
 * @example
 * isForbiddenAddress("169.254.169.254"); // true
 * isForbiddenAddress("127.0.0.1", { allowPrivate: true }); // false
 * isForbiddenAddress("93.184.216.34"); // false
 */
export function isForbiddenAddress(ip: string, options: AddressPolicyOptions = {}): boolean {
  const category = addressCategory(ip);
  if (category === "public") return false;
  return !(options.allowPrivate === true && PRIVATE_BUT_ALLOWABLE.has(category));
}
