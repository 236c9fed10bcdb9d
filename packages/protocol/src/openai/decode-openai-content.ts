import type { IrImagePart, IrImageSource, IrTextPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader } from "./create-field-reader.js";

const DATA_URL = /^data:([^;,]+)(?:;[^;,]*)*;base64,(.*)$/s;

/**
 * An `image_url.url` as an IR image source: a base64 `data:` URL becomes inline bytes (so formats that
 * need bytes get them without a fetch), anything else stays a URL.
 * @see https://platform.openai.com/docs/guides/images-vision#giving-a-model-images-as-input
 */
export function decodeOpenAIImageUrl(url: string): IrImageSource {
  const m = DATA_URL.exec(url);
  if (m) return { kind: "base64", mediaType: m[1]!, data: m[2]! };
  return { kind: "url", url };
}

function decodeTextPart(part: unknown, param: string, r: FieldReader): IrTextPart {
  const p = r.object(part, param);
  if (p.type !== "text") r.fail("must be a text part ({type: 'text', text})", `${param}.type`);
  return { type: "text", text: r.string(p.text, `${param}.text`) };
}

function decodeImagePart(p: Record<string, unknown>, param: string, r: FieldReader): IrImagePart {
  const image = r.object(p.image_url, `${param}.image_url`);
  const url = r.string(image.url, `${param}.image_url.url`);
  const detail = r.optional(image.detail, (v) =>
    r.oneOf(v, `${param}.image_url.detail`, ["auto", "low", "high"] as const),
  );
  const part: IrImagePart = { type: "image", source: decodeOpenAIImageUrl(url) };
  if (detail !== undefined) part.detail = detail;
  return part;
}

/**
 * The content of a system, developer or tool message: a string or text parts. An empty string gives no part.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeOpenAITextContent(content: unknown, param: string, r: FieldReader): IrTextPart[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) r.fail("must be a string or an array of text parts", param);
  return r.array(content, param).map((part, i) => decodeTextPart(part, `${param}[${i}]`, r));
}

/**
 * The content of a user message: a string, or text and image_url parts. Audio and file parts are valid
 * OpenAI input the gateway carries to no other format: they are listed in `unmodeled` and left out.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeOpenAIUserContent(
  content: unknown,
  param: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): Array<IrTextPart | IrImagePart> {
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) r.fail("must be a string or an array of content parts", param);
  const parts = r.array(content, param);
  if (parts.length === 0) r.fail("must not be empty", param);
  return parts.flatMap((part, i): Array<IrTextPart | IrImagePart> => {
    const at = `${param}[${i}]`;
    const p = r.object(part, at);
    if (p.type === "text") return [decodeTextPart(p, at, r)];
    if (p.type === "image_url") return [decodeImagePart(p, at, r)];
    if (p.type === "input_audio" || p.type === "file") {
      r.object(p[p.type], `${at}.${p.type}`);
      unmodeled.push({
        param: `${at}.type`,
        reason: `is a '${p.type}' part, which is not supported by the gateway`,
      });
      return [];
    }
    return r.fail("must be one of 'text', 'image_url', 'input_audio', 'file'", `${at}.type`);
  });
}
