// @attune/core: the domain, no I/O.
export * from "./instruments/index.ts";
