import type { Contract } from "@gatehouse/contracts";
import { fillPath, objectsFor, ownersOf, tenantFor } from "./matrix-fixtures.js";
import { expectedOutcome, type ObjectOwner, type ObjectRef, type Outcome } from "./matrix-model.js";
import { bodyFor, REMOVING_SETTINGS, SAMPLES, SESSION_ENDING } from "./matrix-samples.js";
import { credentialsIn, leaksIn } from "./matrix-visibility.js";
import type { MatrixPrincipal, MatrixWorld } from "./matrix-world.js";

/** One cell's verdict: what it asked, what it got, what it should have got. */
export interface CellResult {
  contract: string;
  principal: string;
  owner: ObjectOwner;
  request: string;
  got: number;
  code: string | undefined;
  expected: Outcome;
  /** What the answer showed that the caller may not see (a credential in any answer). */
  leaks: string[];
}

interface Cell {
  contract: Contract;
  principal: MatrixPrincipal;
  owner: ObjectOwner;
}

/** Every contract × principal × object owner. */
export function cellsOf(contracts: readonly Contract[], principals: readonly MatrixPrincipal[]): Cell[] {
  return contracts.flatMap((contract) =>
    ownersOf(contract, SAMPLES[contract.id]?.crosses ?? false).flatMap((owner) =>
      principals.map((principal) => ({ contract, principal, owner })),
    ),
  );
}

/**
 * Runs the whole matrix: every ordinary cell, a few at a time; then the cells that remove a tenant's
 * settings (once every other cell has read them); then each session-ending operation in a phase of its
 * own, after every user signs in again.
 */
export async function runMatrix(
  w: MatrixWorld,
  contracts: readonly Contract[],
  probeEmail: string,
  concurrency = 6,
): Promise<CellResult[]> {
  const last = [...REMOVING_SETTINGS, ...SESSION_ENDING];
  const ordinary = contracts.filter((c) => !last.includes(c.id));
  const results = await inPool(cellsOf(ordinary, w.principals), concurrency, (cell) =>
    runCell(w, cell, probeEmail),
  );
  const removing = contracts.filter((c) => REMOVING_SETTINGS.includes(c.id));
  results.push(
    ...(await inPool(cellsOf(removing, w.principals), concurrency, (c) => runCell(w, c, probeEmail))),
  );
  for (const id of SESSION_ENDING) {
    const contract = contracts.find((c) => c.id === id);
    if (contract === undefined) continue;
    await signInAgain(w);
    results.push(
      ...(await inPool(cellsOf([contract], w.principals), concurrency, (c) => runCell(w, c, probeEmail))),
    );
  }
  return results;
}

async function runCell(w: MatrixWorld, cell: Cell, probeEmail: string): Promise<CellResult> {
  const { contract, principal, owner } = cell;
  const objects = await objectsFor(w, contract, owner);
  // Objects a body names count like the path's: another tenant's answers 404 as well.
  const named: Record<string, ObjectRef> = { ...objects };
  const child = (param: string) => {
    const ref = w.tenants[tenantFor(owner, param)].shared.get(param)!;
    named[`body.${param}`] = ref;
    return ref.id;
  };
  const body = await bodyFor(contract, { world: w, child, probeEmail });
  const path = fillPath(contract, objects) + (SAMPLES[contract.id]?.query ?? "");
  const expected = expectedOutcome({
    contract,
    principal,
    owner,
    objects: named,
    book: w,
    roleWorkspaces: w.roleWorkspaces(),
    publicStatus: SAMPLES[contract.id]?.status ?? contract.status,
    grants: SAMPLES[contract.id]?.grants ?? [],
    handsOut: SAMPLES[contract.id]?.handsOut ?? [],
  });
  const res = await w.call(contract.method, path, {
    ...(principal.token === undefined ? {} : { token: principal.token }),
    ...(body === undefined ? {} : { body }),
  });
  const tenantId = objects.tenantId?.id ?? (principal.tenant === null ? "" : w.tenants[principal.tenant].id);
  const ok = res.status >= 200 && res.status < 300;
  return {
    contract: contract.id,
    principal: principal.name,
    owner,
    request: `${contract.method} ${path}`,
    got: res.status,
    code: res.json?.error?.code,
    expected,
    leaks: [
      ...credentialsIn(res.text),
      ...(ok && contract.access !== "public" ? leaksIn(contract.id, res.json, tenantId, principal, w) : []),
    ],
  };
}

/**
 * New sessions for every user principal. A session-ending operation cuts the tokens issued before it,
 * and token times are whole seconds, so the next second is waited for first.
 */
async function signInAgain(w: MatrixWorld): Promise<void> {
  await new Promise((r) => setTimeout(r, 1_100));
  for (const p of w.principals) {
    if (p.kind === "user" && p.email !== undefined) p.token = (await w.logIn(p.email)).accessToken;
  }
}

/** Maps items with at most `limit` promises in flight, keeping the order. */
async function inPool<T, R>(items: readonly T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await run(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The cells whose answer is not the expected one, as a compact table (empty when all agree). */
export function mismatchTable(results: readonly CellResult[]): string {
  const bad = results.filter((r) => r.got !== r.expected.status || r.leaks.length > 0);
  if (bad.length === 0) return "";
  const rows = bad.map((r) => {
    const hint = r.got === 400 && r.expected.status < 300 ? " (add a sample body in matrix-samples.ts?)" : "";
    const leaks = r.leaks.length > 0 ? ` SHOWS ${r.leaks.join(", ")}` : "";
    return `${r.contract.padEnd(26)} ${r.principal.padEnd(18)} ${r.owner.padEnd(4)} got ${r.got} ${r.code ?? ""} expected ${r.expected.status} (${r.expected.why})${hint}${leaks}  ${r.request}`;
  });
  return [`${bad.length} of ${results.length} cells differ:`, ...rows].join("\n");
}
