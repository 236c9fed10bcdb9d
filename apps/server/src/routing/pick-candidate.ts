import type { Candidate } from "./model-catalog.js";

/** Weighted random choice within a priority group; `random` is injectable for tests. */
export function pickCandidate(group: Candidate[], random: () => number = Math.random): Candidate {
  if (group.length === 1) return group[0]!;
  let total = 0;
  for (const c of group) total += Math.max(0, c.deployment.weight);
  if (total <= 0) return group[Math.floor(random() * group.length)]!;
  let r = random() * total;
  for (const c of group) {
    r -= Math.max(0, c.deployment.weight);
    if (r < 0) return c;
  }
  return group[group.length - 1]!;
}
