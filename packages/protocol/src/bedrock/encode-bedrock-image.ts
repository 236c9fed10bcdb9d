import { GatewayError } from "../errors/gateway-error.js";
import type { IrImagePart } from "../ir/content.js";
import type { BedrockImageBlock, BedrockImageFormat } from "./bedrock-wire-types.js";

const FORMATS: Record<string, BedrockImageFormat> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
};

function formatOf(mediaType: string): BedrockImageFormat {
  const format = FORMATS[mediaType.toLowerCase()];
  if (format === undefined) {
    throw new GatewayError("unsupported_parameter", `Image type ${mediaType} is not supported by bedrock`, {
      param: "messages",
    });
  }
  return format;
}

/**
 * An IR image → a Bedrock image block. Bedrock takes bytes (base64 in JSON) or an S3 location, never a
 * web URL: `data:` URLs are unpacked here, `s3://` URLs become an s3Location, and any other URL must have
 * been fetched into base64 by the caller before encoding (it is refused here, never silently dropped).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html
 */
export function encodeBedrockImage(image: IrImagePart): BedrockImageBlock {
  const src = image.source;
  if (src.kind === "base64") return { format: formatOf(src.mediaType), source: { bytes: src.data } };
  const dataUrl = /^data:([^;,]+);base64,(.*)$/s.exec(src.url);
  if (dataUrl) return { format: formatOf(dataUrl[1]!), source: { bytes: dataUrl[2]! } };
  if (src.url.startsWith("s3://")) {
    const ext = src.url.split(/[?#]/, 1)[0]!.split(".").pop() ?? "";
    return { format: formatOf(`image/${ext}`), source: { s3Location: { uri: src.url } } };
  }
  throw new GatewayError(
    "unsupported_parameter",
    "bedrock needs image bytes: fetch image URLs before encoding",
    {
      param: "messages",
    },
  );
}
