/**
 * The image type its first bytes announce (PNG, JPEG, GIF, WebP), or undefined. Used when a server
 * labels an image with a generic content type, and to correct a mislabelled one (Bedrock needs the
 * exact format).
 * @see https://mimesniff.spec.whatwg.org/#matching-an-image-type-pattern
 *
 * @example
 * sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])); // "image/png"
 */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (b.subarray(0, 8).equals(PNG)) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  const ascii = b.toString("latin1");
  if (ascii.startsWith("GIF87a") || ascii.startsWith("GIF89a")) return "image/gif";
  if (ascii.startsWith("RIFF") && ascii.slice(8, 14) === "WEBPVP") return "image/webp";
  return undefined;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
