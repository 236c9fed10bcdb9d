import type { IrImagePart, IrTextPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import type { FieldReader, JsonObject } from "../openai/create-field-reader.js";
import { decodeOpenAIImageUrl } from "../openai/decode-openai-content.js";

const DETAILS = ["auto", "low", "high"] as const;

/** An `input_image` part: a URL or a base64 data URL; an uploaded file id lives at OpenAI only. */
function decodeInputImage(
  p: JsonObject,
  at: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): IrImagePart[] {
  const detail = r.optional(p.detail, (v) => r.oneOf(v, `${at}.detail`, DETAILS));
  const url = r.optional(p.image_url, (v) => r.string(v, `${at}.image_url`));
  if (url === undefined) {
    r.string(p.file_id, `${at}.file_id`);
    unmodeled.push({
      param: `${at}.file_id`,
      reason: "names a file stored at OpenAI, which the gateway cannot read",
    });
    return [];
  }
  const part: IrImagePart = { type: "image", source: decodeOpenAIImageUrl(url) };
  if (detail !== undefined) part.detail = detail;
  return [part];
}

/** An `input_file` part is checked for shape, then listed as unmodeled: the IR carries no documents. */
function noteInputFile(p: JsonObject, at: string, r: FieldReader, unmodeled: UnmodeledField[]): [] {
  for (const key of ["file_data", "file_id", "file_url", "filename"])
    r.optional(p[key], (v) => r.string(v, `${at}.${key}`));
  unmodeled.push({
    param: `${at}.type`,
    reason: "is an 'input_file' part, which is not supported by the gateway yet",
  });
  return [];
}

/**
 * The content of an input message or a function_call_output: a string, or `input_text`, `input_image`
 * and `input_file` parts (and `output_text`/`refusal` parts, which clients send back in assistant
 * messages). An empty string gives no part.
 * @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 *
 * @example
 * decodeResponsesContent([{ type: "input_text", text: "Hi" }], "input[0].content", r, []);
 * // [{ type: "text", text: "Hi" }]
 */
export function decodeResponsesContent(
  content: unknown,
  param: string,
  r: FieldReader,
  unmodeled: UnmodeledField[],
): Array<IrTextPart | IrImagePart> {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  return r.array(content, param).flatMap((part, i): Array<IrTextPart | IrImagePart> => {
    const at = `${param}[${i}]`;
    const p = r.object(part, at);
    switch (p.type) {
      case "input_text":
      case "output_text":
        return [{ type: "text", text: r.string(p.text, `${at}.text`) }];
      case "refusal":
        return [{ type: "text", text: r.string(p.refusal, `${at}.refusal`) }];
      case "input_image":
        return decodeInputImage(p, at, r, unmodeled);
      case "input_file":
        return noteInputFile(p, at, r, unmodeled);
      default:
        return r.fail(
          "must be one of 'input_text', 'input_image', 'input_file', 'output_text', 'refusal'",
          `${at}.type`,
        );
    }
  });
}

/** Only text parts: instructions-like messages (system, developer) carry nothing else. */
export function textPartsOnly(
  parts: Array<IrTextPart | IrImagePart>,
  param: string,
  r: FieldReader,
): IrTextPart[] {
  return parts.map((p) => (p.type === "text" ? p : r.fail("must hold only text parts", param)));
}
