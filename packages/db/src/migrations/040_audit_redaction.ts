// Erasure reaches the audit log: the entries a patient's link wrote keep who/what/when, but lose the
// patient's IP address and browser user-agent once the patient is erased. The audit log stays
// append-only for everything else: the only update the database lets through sets `ip` and
// `user_agent` to null on a patient-link entry of a network that has recorded an erasure, changing
// nothing else (the way migration 005 lets only an erasure rewrite a run's CSV). The redaction is
// itself audited (an `redact-audit` entry naming the erasure and the count).
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectName } from "../open.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the evolving schema type
type AnyDb = Kysely<any>;

const UNCHANGED = `new.id = old.id and new.at = old.at and new.network_id is not distinct from old.network_id
  and new.actor_kind = old.actor_kind and new.actor_id is not distinct from old.actor_id
  and new.action = old.action and new.entity = old.entity
  and new.entity_id is not distinct from old.entity_id and new.detail is not distinct from old.detail`;
const REDACTION = `old.actor_kind = 'patient-link' and new.ip is null and new.user_agent is null
  and exists (select 1 from erasures e where e.network_id = old.network_id)`;

/**
 * Migration 040: the audit_log update trigger that allows only the redaction of a patient-link
 * entry's IP address and user-agent after an erasure.
 *
 * @example
 * const migrations = { "040_audit_redaction": auditRedactionMigration("sqlite") };
 */
export function auditRedactionMigration(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === "sqlite") {
        await sql`drop trigger audit_log_no_update`.execute(db);
        // SQLite spells "is not distinct from" as "is".
        const same = UNCHANGED.replace(/is not distinct from/g, "is");
        await sql`create trigger audit_log_no_update before update on audit_log
          when (${sql.raw(same)} and ${sql.raw(REDACTION)}) is not 1
          begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
        return;
      }
      await sql`drop trigger audit_log_no_update on audit_log`.execute(db);
      await sql`create function attune_audit_redaction() returns trigger language plpgsql as $$
        begin
          if ${sql.raw(UNCHANGED)} and ${sql.raw(REDACTION)} then
            return new;
          end if;
          raise exception 'audit_log is append-only';
        end $$`.execute(db);
      await sql`create trigger audit_log_no_update before update on audit_log
        for each row execute function attune_audit_redaction()`.execute(db);
    },
  };
}
