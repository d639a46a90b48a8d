// Licensed texts: a network's licensed wording of an instrument shell, kept as append-only revisions. The
// current form of a (network, questionnaire) is its highest revision unless that one is a withdrawal.
import { createHash } from "node:crypto";
import type { Db } from "../open.ts";
import { newId, nowIso } from "../ids.ts";
import type { LicensedText } from "../schema.ts";

export type LicensedTextAction = LicensedText["action"];

export interface NewLicensedText {
  networkId: string;
  instrumentId: string;
  /** Canonical url of the shell, without `|version`. */
  questionnaireUrl: string;
  /** Version of the shell the wording was merged into. */
  version: string;
  action: Exclude<LicensedTextAction, "withdraw">;
  /** Languages of the merged form after this import. */
  languages: readonly string[];
  /** Language of this file. */
  language: string;
  /** The licensed-text file as received. */
  file: unknown;
  /** The merged FHIR Questionnaire. */
  questionnaire: Record<string, unknown>;
  attestation: string;
  createdBy: string;
}

/** Thrown when another revision of the same form was stored at the same time (the caller may retry). */
export class LicensedTextConflict extends Error {
  constructor(networkId: string, url: string, revision: number) {
    super(
      `the wording of ${url} in network ${networkId} was changed at the same time (revision ${revision}); reload and try again`,
    );
    this.name = "LicensedTextConflict";
  }
}

/**
 * SHA-256 (hex) of a text, as stored in `file_sha256`.
 *
 * @example
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * The newest revision of a network's wording of one questionnaire (a withdrawal included), or undefined.
 *
 * @example
 * const head = await latestLicensedText(db, networkId, "https://attune.example/fhir/Questionnaire/wai-sr");
 * head?.action; // "import"
 */
export async function latestLicensedText(
  db: Db,
  networkId: string,
  questionnaireUrl: string,
): Promise<LicensedText | undefined> {
  return db
    .selectFrom("licensed_texts")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("questionnaire_url", "=", questionnaireUrl)
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The network's current wording per questionnaire url (withdrawn ones left out), for the given urls or
 * for all of them. One query, whatever the number of urls.
 *
 * @example
 * const current = await currentLicensedTexts(db, networkId, [waiUrl]);
 * current.get(waiUrl)?.languages; // '["en","fr"]'
 */
export async function currentLicensedTexts(
  db: Db,
  networkId: string,
  urls?: readonly string[],
): Promise<Map<string, LicensedText>> {
  if (urls && urls.length === 0) return new Map();
  let q = db.selectFrom("licensed_texts").selectAll().where("network_id", "=", networkId);
  if (urls) q = q.where("questionnaire_url", "in", [...urls]);
  const rows = await q.orderBy("questionnaire_url").orderBy("revision").execute();
  const out = new Map<string, LicensedText>();
  for (const r of rows) {
    if (r.action === "withdraw") out.delete(r.questionnaire_url);
    else out.set(r.questionnaire_url, r);
  }
  return out;
}

/**
 * Every revision of a network's wording of one questionnaire, oldest first (the history).
 *
 * @example
 * (await licensedTextHistory(db, networkId, waiUrl)).map((r) => r.action); // ["import", "add-language", "withdraw"]
 */
export async function licensedTextHistory(
  db: Db,
  networkId: string,
  questionnaireUrl: string,
): Promise<LicensedText[]> {
  return db
    .selectFrom("licensed_texts")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("questionnaire_url", "=", questionnaireUrl)
    .orderBy("revision")
    .execute();
}

async function insertRevision(
  db: Db,
  row: Omit<LicensedText, "id" | "revision" | "created_at">,
): Promise<LicensedText> {
  const head = await latestLicensedText(db, row.network_id, row.questionnaire_url);
  const full: LicensedText = {
    id: newId(),
    revision: (head?.revision ?? 0) + 1,
    created_at: nowIso(),
    ...row,
  };
  try {
    await db.insertInto("licensed_texts").values(full).execute();
  } catch (e) {
    // Only the (network, url, revision) constraint can clash here: someone stored that revision first.
    if (/unique|duplicate/i.test(e instanceof Error ? e.message : String(e)))
      throw new LicensedTextConflict(row.network_id, row.questionnaire_url, full.revision);
    throw e;
  }
  return full;
}

/**
 * Stores a new revision of a network's wording (first import, an added language, or a replacement).
 * Run it in a transaction with the audit entry.
 *
 * @example
 * await storeLicensedText(trx, { networkId, instrumentId: "wai-sr", questionnaireUrl: waiUrl, version: "1.0.0",
 *   action: "import", languages: ["en"], language: "en", file, questionnaire: merged,
 *   attestation: "Licence no. 42 from the rights holder, valid to 2027", createdBy: coordinatorId });
 */
export async function storeLicensedText(db: Db, t: NewLicensedText): Promise<LicensedText> {
  const fileText = JSON.stringify(t.file);
  return insertRevision(db, {
    network_id: t.networkId,
    instrument_id: t.instrumentId,
    questionnaire_url: t.questionnaireUrl,
    version: t.version,
    action: t.action,
    languages: JSON.stringify(t.languages),
    language: t.language,
    file: fileText,
    file_sha256: sha256Hex(fileText),
    questionnaire: JSON.stringify(t.questionnaire),
    attestation: t.attestation,
    created_by: t.createdBy,
  });
}

/**
 * Withdraws a network's wording (e.g. the licence ended): a new revision without text, after which the
 * network gets the shell again. Returns undefined when there is no current wording to withdraw.
 *
 * @example
 * await withdrawLicensedText(trx, { networkId, instrumentId: "wai-sr", questionnaireUrl: waiUrl, createdBy });
 */
export async function withdrawLicensedText(
  db: Db,
  w: { networkId: string; instrumentId: string; questionnaireUrl: string; createdBy: string },
): Promise<LicensedText | undefined> {
  const head = await latestLicensedText(db, w.networkId, w.questionnaireUrl);
  if (!head || head.action === "withdraw") return undefined;
  return insertRevision(db, {
    network_id: w.networkId,
    instrument_id: w.instrumentId,
    questionnaire_url: w.questionnaireUrl,
    version: head.version,
    action: "withdraw",
    languages: "[]",
    language: null,
    file: null,
    file_sha256: null,
    questionnaire: null,
    attestation: null,
    created_by: w.createdBy,
  });
}
