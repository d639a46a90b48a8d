// @attune/api: the HTTP API's contract, declared once. The server validates requests and documents
// /api/openapi.json with these zod schemas; the browser and the CLI import their inferred types
// (`import type`, nothing added to a bundle) and call the API through `@attune/api/client`.
// Each schema's type has the schema's name: `import type { Me } from "@attune/api"`.
export * from "./common.ts";
export * from "./auth.ts";
export * from "./setup.ts";
export * from "./studies.ts";
export * from "./clinical.ts";
export * from "./patientLinks.ts";
export * from "./audit.ts";
export * from "./imports.ts";
export * from "./dashboard.ts";
export * from "./runs.ts";
export * from "./coding.ts";
export * from "./instruments.ts";
export * from "./messaging.ts";
export * from "./therapists.ts";
export * from "./rates.ts";
export * from "./routes.ts";
export type * from "./fhir.ts";
