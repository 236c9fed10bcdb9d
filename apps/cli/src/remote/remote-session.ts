import { createGatehouseClient, GatehouseApiError, type GatehouseClient } from "@gatehouse/sdk";
import { UsageError } from "../cli-error.js";
import type { CommandIo } from "../command.js";
import {
  chosenProfileName,
  type Profile,
  profilesPath,
  readProfiles,
  updateProfile,
} from "./profile-store.js";
import { withSpinner } from "./with-spinner.js";

/** Options every remote command accepts. */
export const REMOTE_OPTIONS = {
  profile: { type: "string" },
  tenant: { type: "string" },
  json: { type: "boolean" },
} as const;

export const REMOTE_HELP = `  --profile NAME  the saved login to use (default: $GATEHOUSE_PROFILE or the current profile)
  --tenant ID     the tenant to act on (default: the profile's, set at login)
  --json          machine-readable output
  -h, --help      show this help`;

/** A signed-in profile's client; rotated tokens are saved to the profile after each call. */
export interface RemoteSession {
  client: GatehouseClient;
  profileName: string;
  profile: Profile;
  /** The tenant to act on: `--tenant`, else the profile's. */
  tenantId(): string;
  /** Runs a call, with a spinner on a terminal when it takes a while. */
  run<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** The User-Agent remote commands send, so the audit log names the CLI. */
export const CLI_USER_AGENT = "gatehouse-cli/0.1.0";

/** Opens the client of the chosen profile; not logged in is an error that says how to log in. */
export function openRemoteSession(
  io: CommandIo,
  values: { profile?: string | undefined; tenant?: string | undefined },
): RemoteSession {
  const path = profilesPath(io.env);
  const file = readProfiles(path);
  const profileName = chosenProfileName(file, values.profile, io.env);
  const profile = file.profiles[profileName];
  if (profile === undefined || (profile.refreshToken === undefined && profile.accessToken === undefined)) {
    throw new Error(`not logged in (profile '${profileName}'); run gatehouse login`);
  }
  const client = createGatehouseClient({
    baseUrl: profile.url,
    ...(profile.accessToken === undefined ? {} : { accessToken: profile.accessToken }),
    ...(profile.refreshToken === undefined ? {} : { refreshToken: profile.refreshToken }),
    headers: { "user-agent": CLI_USER_AGENT },
    // The old refresh token is dead once used: save the new one before anything else can fail.
    onTokens: (t) =>
      void updateProfile(path, profileName, (p) => ({
        ...(p ?? profile),
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
      })),
  });
  return {
    client,
    profileName,
    profile,
    tenantId() {
      const id = values.tenant ?? profile.tenantId;
      if (id === undefined) throw new UsageError("no tenant: pass --tenant ID (see gatehouse tenants list)");
      return id;
    },
    run: (label, work) =>
      withSpinner(io.tty, label, work).catch((err: unknown) => {
        throw describeRemoteError(err, profile.url);
      }),
  };
}

/** A remote failure as one line: the server's message, code and status, and what to do on a 401. */
export function describeRemoteError(err: unknown, url?: string): Error {
  if (err instanceof TypeError && err.message === "fetch failed") {
    // undici's own message says nothing; its cause says why (ECONNREFUSED, ENOTFOUND, a TLS error).
    const cause = err.cause as { code?: string; message?: string } | undefined;
    return new Error(
      `could not reach ${url ?? "the server"} (${cause?.code ?? cause?.message ?? "network error"})`,
    );
  }
  if (!(err instanceof GatehouseApiError)) return err as Error;
  const hint = err.status === 401 || err.code === "invalid_token" ? "; run gatehouse login" : "";
  const issues = err.details.issues?.map((i) => ` ${i.path}: ${i.message}`).join(";") ?? "";
  return new Error(`${err.message}${issues} (${err.code}, HTTP ${err.status})${hint}`);
}

/** The first `limit` items of a paginated listing (pages are fetched only as far as needed). */
export async function firstItems<T>(items: AsyncIterable<T>, limit: number): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

/** `--limit N` as a positive count (default 50). */
export function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new UsageError("--limit must be a whole number from 1 to 10000");
  return n;
}

/** Prints `value` as JSON when `--json` is set, else the text `render` makes. */
export function printResult(
  io: CommandIo,
  json: boolean | undefined,
  value: unknown,
  render: () => string,
): void {
  io.out(json ? JSON.stringify(value, null, 2) : render());
}
