// Per-network forms: a network that imported licensed wording into a shell gets the merged Questionnaire;
// everyone else gets the catalog's (text-less) shell. Only the wording differs: linkIds, answer codes and
// scoring are the shell's, so responses are checked and scored by the catalog instrument either way.
import type { Questionnaire } from "fhir/r4";
import { currentLicensedTexts, type Db, type LicensedText } from "@attune/db";
import type { InstrumentCatalog } from "./catalog.ts";
import { stripVersion } from "./catalog.ts";

/**
 * True when a stored wording still fits the catalog's form: it was merged into the same version of the
 * shell. A shell whose structure changed (new version) needs the wording imported again.
 *
 * @example
 * fitsCatalog(catalog, row); // false after the shell went from 1.0.0 to 1.1.0
 */
export function fitsCatalog(catalog: InstrumentCatalog, row: LicensedText): boolean {
  const q = catalog.byUrl(row.questionnaire_url)?.questionnaire;
  return q !== undefined && (q.version ?? "1") === row.version && row.questionnaire !== null;
}

/**
 * The form each url shows to principals of `networkId`: the network's merged wording where it has a
 * current one that fits the catalog, otherwise `fallback(url)` (the shell). One database query.
 *
 * @example
 * const forms = await formsForNetwork(db, catalog, networkId, [waiUrl], (u) => catalog.byUrl(u)?.questionnaire);
 * forms.get(waiUrl)?.item?.[1]?.text; // the network's wording, or undefined for a shell
 */
export async function formsForNetwork(
  db: Db,
  catalog: InstrumentCatalog,
  networkId: string,
  urls: readonly string[],
  fallback: (url: string) => Questionnaire | undefined,
): Promise<Map<string, Questionnaire>> {
  const bare = [...new Set(urls.map(stripVersion))];
  const texts = await currentLicensedTexts(db, networkId, bare);
  const out = new Map<string, Questionnaire>();
  for (const url of bare) {
    const row = texts.get(url);
    const form =
      row && fitsCatalog(catalog, row) ? (JSON.parse(row.questionnaire!) as Questionnaire) : fallback(url);
    if (form) out.set(url, form);
  }
  return out;
}

/**
 * True when every question of a form has wording (a shell has none, so a patient would see blank
 * questions).
 *
 * @example
 * hasWording(catalog.byUrl(waiUrl)!.questionnaire); // false: the WAI-SR shell ships no wording
 */
export function hasWording(q: Questionnaire): boolean {
  const walk = (items: Questionnaire["item"]): boolean =>
    (items ?? []).every(
      (it) =>
        (it.type === "group" || it.type === "display" || (it.text ?? "").trim() !== "") && walk(it.item),
    );
  return walk(q.item);
}

/**
 * The forms among `urls` that `networkId` cannot show with wording: shells whose licensed text the network
 * has not imported (or withdrew, or imported for an older version of the shell). Unknown urls are left to
 * the caller's own check.
 *
 * @example
 * await formsWithoutWording(db, catalog, networkId, [phq9Url, waiUrl]); // [waiUrl] until A imports it
 */
export async function formsWithoutWording(
  db: Db,
  catalog: InstrumentCatalog,
  networkId: string,
  urls: readonly string[],
): Promise<string[]> {
  const shown = await formsForNetwork(db, catalog, networkId, urls, (u) => catalog.byUrl(u)?.questionnaire);
  return [...new Set(urls.map(stripVersion))].filter((u) => {
    const q = shown.get(u);
    return q !== undefined && !hasWording(q);
  });
}
