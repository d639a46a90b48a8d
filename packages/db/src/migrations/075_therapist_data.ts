// Therapist-level data (issue 13): the attributes a network declares (years of practice, orientation,
// prior training), each therapist's value of each, and the questionnaires a therapist answers once (at
// enrolment) with their answers. Values are one per therapist and attribute; a change replaces the value
// and the audit log keeps who changed what and when.
import { sql, type Kysely, type Migration } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

/**
 * Migration 075: `therapist_attributes`, `therapist_attribute_values`, `therapist_questionnaires`,
 * `therapist_responses`.
 *
 * @example
 * const migrations = { "075_therapist_data": therapistDataMigration() };
 */
export function therapistDataMigration(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable("therapist_attributes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('numeric', 'categorical')`))
        // JSON array of the categories (categorical), null for numeric.
        .addColumn("levels", "text")
        .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("therapist_attributes_code", ["network_id", "code"])
        .execute();
      await db.schema
        .createTable("therapist_attribute_values")
        .addColumn("therapist_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("attribute_id", "text", (c) => c.notNull().references("therapist_attributes.id"))
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('entered', 'import')`))
        .addColumn("entered_by", "text", (c) => c.notNull())
        .addColumn("entered_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("therapist_attribute_values_pk", ["therapist_id", "attribute_id"])
        .execute();
      await db.schema
        .createTable("therapist_questionnaires")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        // Once, at enrolment; per-session therapist forms are a study's schedule (rater therapist).
        .addColumn("timing", "text", (c) => c.notNull().check(sql`timing in ('enrolment')`))
        .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("therapist_questionnaires_once", ["network_id", "questionnaire_url"])
        .execute();
      await db.schema
        .createTable("therapist_responses")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("network_id", "text", (c) => c.notNull().references("networks.id"))
        .addColumn("therapist_id", "text", (c) => c.notNull().references("users.id"))
        .addColumn("questionnaire_url", "text", (c) => c.notNull())
        // FHIR R4 QuestionnaireResponse JSON, and its scale scores as JSON {scale: value}.
        .addColumn("resource", "text", (c) => c.notNull())
        .addColumn("scores", "text", (c) => c.notNull())
        .addColumn("author_id", "text", (c) => c.notNull())
        .addColumn("submitted_at", "text", (c) => c.notNull())
        .addUniqueConstraint("therapist_responses_once", ["therapist_id", "questionnaire_url"])
        .execute();
    },
  };
}
