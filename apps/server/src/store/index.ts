export { type CreateStoreOptions, createStore } from "./create-store.js";
export type { Store } from "./store.js";
export type * from "./store-types.js";
export type * from "./tenancy-types.js";
