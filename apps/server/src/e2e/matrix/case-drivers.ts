import { anthropicCaseDriver } from "./anthropic-case-driver.js";
import type { CaseDriver } from "./case-call.js";
import { geminiCaseDriver } from "./gemini-case-driver.js";
import { openaiCaseDriver } from "./openai-case-driver.js";

/** The three client surfaces' case drivers against a gateway at `url` with key `key`. */
export function caseDrivers(url: string, key: string): CaseDriver[] {
  return [openaiCaseDriver(url, key), anthropicCaseDriver(url, key), geminiCaseDriver(url, key)];
}
