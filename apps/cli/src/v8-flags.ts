import { setFlagsFromString } from "node:v8";

// A smaller young generation: under load Node's default (16 MB semi-spaces) let the gateway's peak RSS
// grow past 200 MB; 8 MB semi-spaces keep it near 140 MB for a few percent more scavenges (bench/README).
// Imported first by main.ts, before anything allocates much; an explicit --max-semi-space-size wins.
if (!process.execArgv.some((a) => a.startsWith("--max-semi-space-size")))
  setFlagsFromString("--max-semi-space-size=8");
