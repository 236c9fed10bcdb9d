/** An image recognised by its bytes, with the dimensions its header declares. */
export interface SniffedImage {
  mediaType: "image/png" | "image/jpeg" | "image/gif" | "image/webp";
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);

/**
 * The image `bytes` hold, by magic bytes and header (PNG, JPEG, GIF, WebP), or undefined when they are
 * none of these or their header is broken (no size, a zero side). Reads headers only, never decodes.
 *
 * @see https://www.w3.org/TR/png/#5PNG-file-signature PNG signature and IHDR
 * @see https://www.w3.org/Graphics/JPEG/itu-t81.pdf JPEG markers (SOFn, B.2.2)
 * @see https://www.w3.org/Graphics/GIF/spec-gif89a.txt GIF logical screen descriptor
 * @see https://developers.google.com/speed/webp/docs/riff_container WebP RIFF container
 *
 * @example
 * sniffImage(pngBytes); // { mediaType: "image/png", width: 640, height: 480 }
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | undefined {
  const found = readHeader(bytes);
  if (found === undefined || found.width < 1 || found.height < 1) return undefined;
  return found;
}

function readHeader(b: Uint8Array): SniffedImage | undefined {
  if (startsWith(b, PNG_SIGNATURE)) {
    // The first chunk must be IHDR (length 13): width and height, big-endian.
    if (b.length < 33 || u32be(b, 8) !== 13 || ascii(b, 12, 4) !== "IHDR") return undefined;
    return { mediaType: "image/png", width: u32be(b, 16), height: u32be(b, 20) };
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) return readJpeg(b);
  if (b.length >= 10 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) {
    return { mediaType: "image/gif", width: u16le(b, 6), height: u16le(b, 8) };
  }
  if (b.length >= 30 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return readWebp(b);
  return undefined;
}

/** Walks the JPEG's marker segments to the first start-of-frame, which holds the size. */
function readJpeg(b: Uint8Array): SniffedImage | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { mediaType: "image/jpeg", height: u16be(b, at + 5), width: u16be(b, at + 7) };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan before any frame
    const length = u16be(b, at + 2);
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

function readWebp(b: Uint8Array): SniffedImage | undefined {
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8 ") {
    // A key frame: the start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return undefined;
    return { mediaType: "image/webp", width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return undefined;
    const bits = u16le(b, 21) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { mediaType: "image/webp", width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    return { mediaType: "image/webp", width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return undefined;
}
