export * from "./recipes/index.ts";
export * from "./simulate/index.ts";
