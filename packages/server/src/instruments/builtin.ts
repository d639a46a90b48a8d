// The server's catalog: every form core defines (the demo forms, the imported-score carriers and the
// instrument library), each checked and scored by core.
import { catalogInstruments } from "@attune/core";
import { catalogOf, type InstrumentCatalog } from "./catalog.ts";
import { coreInstrument } from "./core.ts";

/**
 * The catalog of core's forms.
 *
 * @example
 * builtinCatalog().byUrl(ALLIANCE_PATIENT)?.rater; // "patient"
 */
export function builtinCatalog(): InstrumentCatalog {
  return catalogOf(catalogInstruments().map(coreInstrument));
}
