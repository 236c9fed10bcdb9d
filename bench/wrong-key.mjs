// "Auth before body": big bodies sent with keys Gatehouse must refuse, a well-formed one it has never
// issued (refused after a lookup) and a malformed one (refused by its shape). Each round measures the
// server's RSS growth and the 401's latency (load/wrong-key-bodies.mjs).
import { isWellFormedKey, wellFormedKey } from "./api-key-shape.mjs";
import { seededRandom } from "./fuzz/seeded-random.mjs";
import { runLoad } from "./load/run-load.mjs";
import { scenarioLog } from "./scenario-log.mjs";

/** Each declared body: 9 MB, under the default 10 MiB body limit so the limit cannot answer first. */
export const WRONG_KEY_BODY_BYTES = 9_000_000;

/** The keys of the rounds, the same every run. */
export function wrongKeys() {
  return [
    { variant: "well-formed, unknown", key: wellFormedKey(seededRandom(401).next) },
    { variant: "malformed", key: "gh_not-a-gatehouse-key" },
  ];
}

/** One round per wrong key, `options.wrongKeyRequests` requests at once each. */
export async function measureWrongKey(handle, ctx, pid) {
  const { options, loadCore } = ctx;
  // The bench restates the key format; the key the CLI issued proves it still matches the server's.
  if (!isWellFormedKey(handle.key)) {
    throw new Error("the key Gatehouse issued fails api-key-shape.mjs's check: the key format changed");
  }
  const rounds = [];
  for (const { variant, key } of wrongKeys()) {
    scenarioLog(ctx, `wrong key (${variant}): ${options.wrongKeyRequests} × 9 MB bodies at once`);
    const params = {
      port: Number(new URL(handle.origin).port),
      path: handle.path,
      key,
      model: handle.model,
      count: options.wrongKeyRequests,
      bodyBytes: WRONG_KEY_BODY_BYTES,
      pid,
    };
    rounds.push({
      variant,
      ...(await runLoad("wrong-key-bodies", params, { core: loadCore, limitSec: 180 })),
    });
  }
  return { rounds };
}
