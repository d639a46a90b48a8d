// Therapists in a FHIR Bundle: a Practitioner per therapist, identified by the therapist's code only, with
// one extension per therapist attribute value (migration 075). Researcher-facing FHIR carries attune's
// fields and nothing else (no name, e-mail or site). An import reads the same extensions through the same
// checks as the API and the long CSV (therapistColumns.ts: core's attributeValue, one value per therapist,
// never overwriting a stored value).
import type { Practitioner } from "fhir/r4";
import { attributeValues, type Db, type StoredAttribute } from "@attune/db";
import { THERAPIST_CODE_SYSTEM } from "../fhir/bundle.ts";
import { attributeColumns, type FileValues } from "./therapistColumns.ts";
import type { Rejection } from "./report.ts";

/** A therapist attribute value: extension with `code` (the attribute's code) and `value` (as text). */
export const THERAPIST_ATTRIBUTE_EXTENSION = "https://attune.dev/fhir/therapist-attribute";

/**
 * The Practitioners of the given therapists (id → code), each with their attribute values.
 *
 * @example
 * const resources = await practitionerResources(db, networkId, new Map([[therapistId, "T1"]]));
 */
export async function practitionerResources(
  db: Db,
  networkId: string,
  therapists: ReadonlyMap<string, string>,
): Promise<Practitioner[]> {
  const values = await attributeValues(db, networkId);
  const byTherapist = new Map<string, { code: string; value: string }[]>();
  for (const v of values) {
    if (!therapists.has(v.therapist_id)) continue;
    byTherapist.set(v.therapist_id, [
      ...(byTherapist.get(v.therapist_id) ?? []),
      { code: v.code, value: v.value },
    ]);
  }
  return [...therapists].map(([id, code]) => {
    const attrs = byTherapist.get(id) ?? [];
    return {
      resourceType: "Practitioner",
      id,
      identifier: [{ system: THERAPIST_CODE_SYSTEM, value: code }],
      ...(attrs.length
        ? {
            extension: attrs.map((a) => ({
              url: THERAPIST_ATTRIBUTE_EXTENSION,
              extension: [
                { url: "code", valueCode: a.code },
                { url: "value", valueString: a.value },
              ],
            })),
          }
        : {}),
    };
  });
}

/** A Practitioner of a Bundle with its place (entry index) and the therapist code it names. */
export interface BundlePractitioner {
  i: number;
  code: string;
  r: Practitioner;
}

/**
 * The therapist code of a Practitioner (its attune identifier), or a message saying what is missing.
 *
 * @example
 * practitionerCode({ resourceType: "Practitioner", identifier: [{ system: THERAPIST_CODE_SYSTEM, value: "T1" }] }); // "T1"
 */
export function practitionerCode(r: Practitioner): string | { problem: string } {
  const code = r.identifier?.find((x) => x.system === THERAPIST_CODE_SYSTEM)?.value;
  return (
    code ?? {
      problem: `a Practitioner needs an identifier of system ${THERAPIST_CODE_SYSTEM} (the therapist's code)`,
    }
  );
}

/**
 * Reads the attribute extensions of a Bundle's Practitioners through the long table's checks (an unknown
 * attribute code is refused, naming it and the entry).
 *
 * @example
 * const { values, rejected } = practitionerValues(defs, practitioners);
 */
export function practitionerValues(
  defs: readonly StoredAttribute[],
  practitioners: readonly BundlePractitioner[],
): { values: FileValues; rejected: Rejection[] } {
  const rejected: Rejection[] = [];
  const known = new Set(defs.map((d) => d.code));
  const rows = practitioners.map(({ i, code, r }) => {
    const extra: Record<string, string> = {};
    for (const [k, ext] of (r.extension ?? []).entries()) {
      if (ext.url !== THERAPIST_ATTRIBUTE_EXTENSION) continue;
      const attr = ext.extension?.find((x) => x.url === "code")?.valueCode;
      const value = ext.extension?.find((x) => x.url === "value")?.valueString;
      const where = `entry[${i}].resource.extension[${k}]`;
      if (!attr || value === undefined)
        rejected.push({ row: i, message: `${where}: a therapist attribute needs a code and a value` });
      else if (!known.has(attr))
        rejected.push({
          row: i,
          column: attr,
          message: `${where}: therapist ${code}: "${attr}" is not a therapist attribute of this network (${[...known].join(", ") || "none declared"})`,
        });
      else if (extra[attr] !== undefined && extra[attr] !== value)
        rejected.push({
          row: i,
          column: attr,
          message: `${where}: therapist ${code} has two values of ${attr}`,
        });
      else extra[attr] = value;
    }
    return { line: i, therapist: code, extra };
  });
  const read = attributeColumns(defs, rows);
  return { values: read.values, rejected: [...rejected, ...read.rejected] };
}
