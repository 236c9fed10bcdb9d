import { readFileSync } from "node:fs";

/** A fixture file's text. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

/** A JSON fixture, parsed. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}
