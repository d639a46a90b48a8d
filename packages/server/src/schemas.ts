// Request and response schemas: declared once in @attune/api (zod), which the browser and the CLI
// read the types of. The server validates and documents with them; this file forwards them so the
// capability folders import one place.
export * from "@attune/api";
