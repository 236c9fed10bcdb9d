import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** One saved server login: where, as whom, the session's tokens and the tenant commands act on. */
export const ProfileSchema = z.object({
  url: z.string(),
  email: z.string().optional(),
  tenantId: z.string().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

const ProfilesFileSchema = z.object({
  current: z.string().optional(),
  profiles: z.record(z.string(), ProfileSchema),
});
export type ProfilesFile = z.infer<typeof ProfilesFileSchema>;

/** The profile used when none is named and none is current. */
export const DEFAULT_PROFILE = "default";

/**
 * The profiles file: `$GATEHOUSE_CONFIG_DIR/profiles.json`, else `$XDG_CONFIG_HOME/gatehouse/profiles.json`,
 * else `~/.config/gatehouse/profiles.json`.
 */
export function profilesPath(env: NodeJS.ProcessEnv): string {
  const dir =
    env.GATEHOUSE_CONFIG_DIR ||
    join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config"), "gatehouse");
  return join(dir, "profiles.json");
}

/** Reads the profiles file; a missing file is no profiles, a damaged one is an error naming the file. */
export function readProfiles(path: string): ProfilesFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { profiles: {} };
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON; fix or delete it, then run gatehouse login`);
  }
  const parsed = ProfilesFileSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`${path} is not a profiles file; fix or delete it, then run gatehouse login`);
  return parsed.data;
}

/**
 * Writes the profiles file readable by its owner only (0600; the directory 0700): it holds refresh
 * tokens. Written to a temporary file and renamed, so a crash never leaves half a file.
 */
export function writeProfiles(path: string, file: ProfilesFile): void {
  const dir = join(path, "..");
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  // The mode of writeFileSync applies only to a new file; make sure of it either way.
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** Changes one profile (created when absent) and writes the file. */
export function updateProfile(
  path: string,
  name: string,
  change: (p: Profile | undefined) => Profile,
): Profile {
  const file = readProfiles(path);
  const next = change(file.profiles[name]);
  file.profiles[name] = next;
  writeProfiles(path, file);
  return next;
}

/** The profile a command uses: `--profile`, else `$GATEHOUSE_PROFILE`, else the current one, else `default`. */
export function chosenProfileName(
  file: ProfilesFile,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  return flag || env.GATEHOUSE_PROFILE || file.current || DEFAULT_PROFILE;
}
