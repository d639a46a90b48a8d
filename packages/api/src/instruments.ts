// The instrument library as a network sees it, and the import and withdrawal of licensed wording.
import { z } from "zod";

/** Body of the import: the licensed-text file as the CLI takes it, the licence attestation, and the mode. */
export const LicensedTextBody = z
  .strictObject({
    file: z
      .looseObject({ instrument: z.string().max(64), language: z.string().max(35) })
      .describe("the licensed-text file, as `attune instruments template` prints it and the CLI imports it"),
    attestation: z.strictObject({
      holdsLicence: z.literal(true, {
        error: "the coordinator must attest that the network holds the licence",
      }),
      statement: z
        .string()
        .trim()
        .min(10, "name the licence: who granted it, its number or date")
        .max(2000)
        .describe("e.g. 'Licence no. 42 from the rights holder, 2026-01-10, for all sites of the network'"),
    }),
    replace: z
      .boolean()
      .optional()
      .describe(
        "start again from the shell (drop the languages imported so far); default: add this language to the form",
      ),
  })
  .meta({ id: "LicensedTextBody" });

export const LicensedTextOut = z
  .object({
    instrument: z.string(),
    url: z.string(),
    version: z.string(),
    revision: z.number(),
    action: z.enum(["import", "add-language", "replace"]),
    language: z.string(),
    languages: z.array(z.string()),
    items: z.array(z.string()).describe("linkIds whose wording was imported"),
    answerScales: z.array(z.string()).describe("answer scales whose labels were imported"),
    sha256: z.string(),
    importedAt: z.string(),
  })
  .meta({ id: "LicensedTextOut" });

export const InstrumentOut = z.object({
  id: z.string(),
  url: z.string(),
  version: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  construct: z.string().describe("what the form measures, in English"),
  items: z.number().describe("number of questions"),
  licenceHolder: z.string(),
  rater: z.string(),
  kind: z.string(),
  /** Answered about one session (never a once-only therapist questionnaire). */
  perSession: z.boolean(),
  validated: z.boolean(),
  licence: z.string(),
  textShipped: z.boolean(),
  /** The full form (wording) is available to this network: shipped, or imported and fitting the shell. */
  textAvailable: z.boolean(),
  languages: z.array(z.string()),
  licensedText: z
    .object({
      revision: z.number(),
      languages: z.array(z.string()),
      importedAt: z.string(),
      importedBy: z.string(),
      sha256: z.string().nullable(),
      fitsShell: z.boolean(),
    })
    .nullable(),
});
export const InstrumentsOut = z
  .object({ instruments: z.array(InstrumentOut) })
  .meta({ id: "InstrumentsOut" });

export const WithdrawOut = z.object({
  instrument: z.string(),
  revision: z.number(),
  withdrawn: z.literal(true),
});

export type LicensedTextBody = z.input<typeof LicensedTextBody>;
export type LicensedTextOut = z.infer<typeof LicensedTextOut>;
export type InstrumentOut = z.infer<typeof InstrumentOut>;
export type InstrumentsOut = z.infer<typeof InstrumentsOut>;
export type WithdrawOut = z.infer<typeof WithdrawOut>;
