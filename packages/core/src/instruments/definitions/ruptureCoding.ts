// Observer coding of alliance ruptures in a session: type, intensity, resolution. Project-authored, not
// validated; the withdrawal/confrontation distinction follows Safran & Muran's rupture markers.
import type { Instrument } from "../types.ts";
import { ATTUNE_LICENCE, NOT_VALIDATED_CAVEAT } from "./allianceCheckInShared.ts";
import { ordinal } from "./helpers.ts";

export const ruptureCoding: Instrument = {
  id: "rupture-coding",
  version: "0.2.0",
  title: {
    en: "attune rupture coding — observer (not validated)",
    fr: "Codage des ruptures attune — observateur (non validé)",
  },
  shortTitle: "Rupture coding",
  construct: {
    en: "Alliance ruptures (observer-coded)",
    fr: "Ruptures d'alliance (codées par un observateur)",
  },
  rater: "observer",
  kind: "process",
  description: {
    en: "An observer codes, for a session or a segment, whether an alliance rupture occurred and of which type (withdrawal, confrontation, both), its peak intensity (1–5) — and, when both types occurred, each type's intensity — and how far it was resolved (0–3). Categorical codes: there is no total; each type's intensity (0 when absent) is scored.",
    fr: "Un observateur code, pour une séance ou un segment, la survenue d'une rupture d'alliance et son type (retrait, confrontation, les deux), son intensité maximale (1–5) — et, quand les deux types sont survenus, l'intensité de chacun — et son degré de résolution (0–3). Codes catégoriels : pas de score total ; l'intensité de chaque type (0 en son absence) est calculée.",
  },
  instructions: {
    en: "Withdrawal: the patient moves away from the therapist or the work (e.g. denial, minimal or shifting responses, deferring, talking about others). Confrontation: the patient moves against the therapist (e.g. complaints about the therapist or the treatment, rejecting interventions, pressing to control). Code what you observe, not what you infer.",
    fr: "Retrait : le patient s'éloigne du thérapeute ou du travail (p. ex. déni, réponses minimales ou changements de sujet, déférence, parler des autres). Confrontation : le patient s'oppose au thérapeute (p. ex. plaintes sur le thérapeute ou le traitement, rejet des interventions, tentatives de contrôle). Codez ce que vous observez, pas ce que vous supposez.",
  },
  validated: false,
  projectAuthored: true,
  answerScales: {
    type: {
      kind: "nominal",
      options: [
        { value: 0, label: { en: "No rupture", fr: "Aucune rupture" } },
        { value: 1, label: { en: "Withdrawal", fr: "Retrait" } },
        { value: 2, label: { en: "Confrontation", fr: "Confrontation" } },
        { value: 3, label: { en: "Both withdrawal and confrontation", fr: "Retrait et confrontation" } },
      ],
    },
    intensity: ordinal(1, [
      { en: "Very mild", fr: "Très légère" },
      { en: "Mild", fr: "Légère" },
      { en: "Moderate", fr: "Modérée" },
      { en: "Strong", fr: "Forte" },
      { en: "Very strong", fr: "Très forte" },
    ]),
    resolution: ordinal(0, [
      { en: "Not resolved", fr: "Non résolue" },
      { en: "Slightly resolved", fr: "Un peu résolue" },
      { en: "Partly resolved", fr: "En partie résolue" },
      { en: "Fully resolved", fr: "Complètement résolue" },
    ]),
  },
  items: [
    {
      linkId: "rupture-type",
      prefix: "1",
      scale: "type",
      required: true,
      text: {
        en: "Did an alliance rupture occur? Code the type observed.",
        fr: "Une rupture d'alliance s'est-elle produite ? Codez le type observé.",
      },
    },
    {
      linkId: "rupture-intensity",
      prefix: "2",
      scale: "intensity",
      enableWhen: { linkId: "rupture-type", notEqual: 0 },
      text: {
        en: "How strong was the rupture at its peak?",
        fr: "Quelle était l'intensité de la rupture à son maximum ?",
      },
    },
    // Asked only when both types occurred: with one type, the peak is that type's intensity. Items added
    // in 0.2.0; codings made before keep their peak only (each type's intensity is then unknown for "both").
    {
      linkId: "withdrawal-intensity",
      prefix: "2a",
      scale: "intensity",
      enableWhen: { linkId: "rupture-type", equal: 3 },
      text: {
        en: "How strong was the withdrawal at its peak?",
        fr: "Quelle était l'intensité du retrait à son maximum ?",
      },
    },
    {
      linkId: "confrontation-intensity",
      prefix: "2b",
      scale: "intensity",
      enableWhen: { linkId: "rupture-type", equal: 3 },
      text: {
        en: "How strong was the confrontation at its peak?",
        fr: "Quelle était l'intensité de la confrontation à son maximum ?",
      },
    },
    {
      linkId: "rupture-resolution",
      prefix: "3",
      scale: "resolution",
      enableWhen: { linkId: "rupture-type", notEqual: 0 },
      text: {
        en: "How far was the rupture resolved by the end of the session or segment?",
        fr: "Dans quelle mesure la rupture était-elle résolue à la fin de la séance ou du segment ?",
      },
    },
  ],
  // When both types are coded, the rupture's peak is the stronger type's intensity (refused otherwise).
  peaks: [{ peak: "rupture-intensity", of: ["withdrawal-intensity", "confrontation-intensity"] }],
  scoring: {
    subscales: [],
    higherIsBetter: false,
    cutoffs: [],
    reliableChange: null,
    reliableChangeNote: "categorical codes have no reliable-change threshold",
    indicators: [
      {
        id: "rupture",
        label: { en: "any rupture", fr: "toute rupture" },
        linkId: "rupture-type",
        values: [1, 2, 3],
      },
      {
        id: "withdrawal",
        label: { en: "withdrawal rupture", fr: "rupture de retrait" },
        linkId: "rupture-type",
        values: [1, 3],
      },
      {
        id: "confrontation",
        label: { en: "confrontation rupture", fr: "rupture de confrontation" },
        linkId: "rupture-type",
        values: [2, 3],
      },
    ],
    intensities: [
      {
        id: "withdrawal_intensity",
        label: { en: "withdrawal intensity (0 = none)", fr: "intensité du retrait (0 = aucun)" },
        linkId: "rupture-type",
        intensityItem: { 1: "rupture-intensity", 3: "withdrawal-intensity" },
      },
      {
        id: "confrontation_intensity",
        label: { en: "confrontation intensity (0 = none)", fr: "intensité de la confrontation (0 = aucune)" },
        linkId: "rupture-type",
        intensityItem: { 2: "rupture-intensity", 3: "confrontation-intensity" },
      },
    ],
  },
  licence: ATTUNE_LICENCE,
  references: [
    "Safran JD, Muran JC (2000). Negotiating the Therapeutic Alliance: A Relational Treatment Guide. Guilford (withdrawal and confrontation markers).",
    "Eubanks CF, Muran JC, Safran JD (2015). Rupture Resolution Rating System (3RS): Manual. The 3RS is the established observer system; this form is a simpler, project-authored coding sheet, not the 3RS.",
  ],
  caveats: [
    NOT_VALIDATED_CAVEAT,
    "Intensity and resolution are asked only when a rupture is coded; inter-rater reliability must be established by the network.",
    "Each type's intensity is the peak when one type is coded; codings made with version 0.1.0 that coded both types have no per-type intensity.",
  ],
};
