// @attune/core: the domain, no I/O.
export * from "./instruments/index.ts";
export * from "./recipes/index.ts";
export * from "./simulate/index.ts";
export * from "./feedback/index.ts";
export * from "./study/index.ts";
export * from "./records/index.ts";
