// One contract for each kind of record, checked the same way on every path in (API, pages, long
// CSV, REDCap, FHIR Bundle). docs/platform.md lists them.
export * from "./code.ts";
export * from "./session.ts";
export * from "./date.ts";
export * from "./roles.ts";
export * from "./arms.ts";
export * from "./csvCell.ts";
export * from "./csvDialect.ts";
export * from "./response.ts";
export * from "./therapistAttribute.ts";
export * from "./longTable.ts";
export { FORM_COLUMNS, formColumn, type FormColumn } from "../instruments/formColumns.ts";
export * from "./recipeNames.ts";
export * from "./sessionFacts.ts";
export * from "./customColumns.ts";
