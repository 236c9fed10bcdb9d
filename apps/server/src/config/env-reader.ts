/**
 * Reads typed values from environment variables, collecting every problem instead of stopping at the
 * first, so a misconfigured start reports all of them at once. A hand-written reader rather than a schema
 * library: this is the only validation at start-up, and zod alone added ~14 MB of resident memory to a
 * process whose whole budget is 150 MB (docs/adr/0001-memory-footprint.md).
 */
export class EnvReader {
  /** One message per malformed variable, in the order they were read. */
  readonly problems: string[] = [];

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The variable's value; undefined when unset or empty. */
  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === "" ? undefined : v;
  }

  string(name: string, def: string): string {
    return this.env[name] ?? def;
  }

  int(name: string, def: number, min: number, max: number): number {
    const v = this.optional(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    return this.problem(`${name} must be an integer from ${min} to ${max}, got "${v}"`, def);
  }

  flag(name: string): boolean {
    const v = this.optional(name);
    if (v === undefined || v === "0" || v === "false") return false;
    if (v === "1" || v === "true") return true;
    return this.problem(`${name} must be 1 or 0, got "${v}"`, false);
  }

  /** A switch written on/off (or 1/0, true/false); unset is off. */
  onOff(name: string): boolean {
    const v = this.optional(name)?.toLowerCase();
    if (v === undefined || v === "off" || v === "0" || v === "false") return false;
    if (v === "on" || v === "1" || v === "true") return true;
    return this.problem(`${name} must be on or off, got "${this.optional(name)}"`, false);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], def: T): T {
    const v = this.optional(name);
    if (v === undefined) return def;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    return this.problem(`${name} must be one of ${allowed.join(", ")}, got "${v}"`, def);
  }

  /** A value that must match `pattern`; `message` explains the expected form. */
  matching(name: string, pattern: RegExp, message: string): string | undefined {
    const v = this.optional(name);
    if (v === undefined || pattern.test(v)) return v;
    return this.problem(`${name} ${message}`, undefined);
  }

  /** An http(s) URL, scheme optional (`host:port` means http), without a trailing slash. */
  httpUrl(name: string): string | undefined {
    const v = this.optional(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v.includes("://") ? v : `http://${v}`);
      if (u.protocol === "http:" || u.protocol === "https:") return u.toString().replace(/\/$/, "");
    } catch {
      // reported below
    }
    return this.problem(`${name} must be an http(s) URL, got "${v}"`, undefined);
  }

  private problem<T>(message: string, fallback: T): T {
    this.problems.push(message);
    return fallback;
  }
}
