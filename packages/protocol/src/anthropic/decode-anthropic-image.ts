import type { IrImagePart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { decodeAnthropicCacheControl } from "./decode-anthropic-cache-control.js";
import { invalidField, requireRecord, requireString } from "./wire-validation.js";

/**
 * An `image` content block → IR image part. Base64 and URL sources are kept as they are; Files API
 * sources (`type: "file"`) name a file stored at Anthropic and cannot follow a request elsewhere: they
 * are listed in `unmodeled` and give no part (`undefined`).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision
 */
export function decodeAnthropicImage(
  block: Record<string, unknown>,
  param: string,
  unmodeled: UnmodeledField[],
): IrImagePart | undefined {
  const source = requireRecord(block["source"], `${param}.source`);
  const kind = source["type"];
  if (kind === "file") {
    requireString(source["file_id"], `${param}.source.file_id`);
    unmodeled.push({
      param: `${param}.source.type`,
      reason: 'image sources of type "file" are not supported',
    });
    return undefined;
  }
  const part: IrImagePart =
    kind === "base64"
      ? {
          type: "image",
          source: {
            kind: "base64",
            mediaType: requireString(source["media_type"], `${param}.source.media_type`),
            data: requireString(source["data"], `${param}.source.data`),
          },
        }
      : kind === "url"
        ? { type: "image", source: { kind: "url", url: requireString(source["url"], `${param}.source.url`) } }
        : failSource(`${param}.source.type`);
  const cache = decodeAnthropicCacheControl(block["cache_control"], `${param}.cache_control`);
  if (cache !== undefined) part.cacheControl = cache;
  return part;
}

function failSource(param: string): never {
  throw invalidField(param, 'must be "base64", "url" or "file"');
}
