// Resilience primitives of the forwarder: circuit breakers, retry budget and decisions, balancing,
// timeouts. Small and pure where they can be; clocks and randomness are injected.
export * from "./backoff-delay.js";
export * from "./balance-strategy.js";
export * from "./balancer.js";
export * from "./breaker-policy.js";
export * from "./breaker-store.js";
export * from "./bucket-window.js";
export * from "./circuit-breakers.js";
export * from "./in-flight-tracker.js";
export * from "./is-deployment-failure.js";
export * from "./latency-tracker.js";
export * from "./least-in-flight.js";
export * from "./lowest-cost.js";
export * from "./lowest-latency.js";
export * from "./memory-breaker-store.js";
export * from "./parse-timeout-override.js";
export * from "./pick-lowest.js";
export * from "./redis-breaker-store.js";
export * from "./resolve-timeouts.js";
export * from "./retry-budget.js";
export * from "./retry-decision.js";
export * from "./seeded-random.js";
export * from "./weighted-random.js";
