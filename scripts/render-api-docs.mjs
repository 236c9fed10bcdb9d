// Rewrites the generated reference in docs/api.md from the contracts (`npm run docs`, after a build).
import { readFileSync, writeFileSync } from "node:fs";
import { API_REFERENCE_MARKERS, CONTRACTS, renderApiReference } from "../packages/contracts/dist/index.js";

const path = new URL("../docs/api.md", import.meta.url);
const doc = readFileSync(path, "utf8");
const start = doc.indexOf(API_REFERENCE_MARKERS.start);
const end = doc.indexOf(API_REFERENCE_MARKERS.end);
if (start < 0 || end < start) throw new Error("docs/api.md lacks the api-reference markers");
const head = doc.slice(0, start + API_REFERENCE_MARKERS.start.length);
writeFileSync(path, `${head}\n\n${renderApiReference(CONTRACTS).trim()}\n\n${doc.slice(end)}`);
console.log(`docs/api.md: ${CONTRACTS.length} operations`);
