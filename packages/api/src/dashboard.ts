// The therapist's dashboard: caseload, an episode's feedback, attunement. Alert and feedback payloads
// are loosely typed here; their detail comes from @attune/core.
import { z } from "zod";
import { Code } from "./common.ts";

const Num = z.number().nullable();
export const SeriesPoint = z.object({
  sessionId: z.string(),
  session: z.number(),
  date: z.string().optional(),
  alliancePatient: Num,
  allianceTherapist: Num,
  outcome: Num,
});
const Localized = z.object({ en: z.string(), fr: z.string() });
/** A feedback alert (@attune/core feedback/types.ts `Alert`) with why it fired and what to do. */
export const AlertOut = z.looseObject({
  kind: z.string(),
  session: z.number(),
  date: z.string().optional(),
  /** For alerts that end by themselves (not on track): the first later session back inside the band. */
  clearedSession: z.number().optional(),
  clearedDate: z.string().optional(),
  /** Set once a therapist acknowledged it: when, by whom (code; name on a patient's page), their note. */
  acknowledged: z
    .object({
      at: z.string(),
      by: z.string(),
      byName: z.string().optional(),
      note: z.string().nullable().optional(),
    })
    .optional(),
  severity: z.string(),
  /** The numbers the rule compared (0–100 metric unless the name says otherwise). */
  why: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  message: Localized,
  suggestion: Localized,
  evidence: z.string(),
});
/** Therapist minus patient alliance in one session, on the 0–100 metric (core's CongruencePoint). */
const CongruencePoint = z.looseObject({
  session: z.number(),
  gap: Num,
  direction: z.string().nullable(),
  patient: Num,
  therapist: Num,
});
export const CaseloadOut = z
  .object({
    therapist: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
    model: z.object({ source: z.string(), note: z.string() }),
    /** The outcome the last-score column and not on track follow, and which way is better (PHQ-9: lower). */
    outcome: z.object({ id: z.string(), higherIsBetter: z.boolean() }),
    patients: z.array(
      z.object({
        episodeId: z.string(),
        patientId: z.string(),
        patientCode: z.string(),
        therapistCode: z.string(),
        lastSession: z.number().nullable(),
        last: SeriesPoint.nullable(),
        gap: Num,
        direction: z.string().nullable(),
        awaitingTherapist: z.boolean(),
        alerts: z.array(AlertOut),
        attention: z.number(),
        /** The patient's next unanswered session dated from yesterday (UTC) on: day and local time. */
        next: z.object({ session: z.number(), date: z.string(), time: z.string().nullable() }).nullable(),
      }),
    ),
  })
  .meta({ id: "Caseload" });
export const EpisodeFeedbackOut = z
  .object({
    episodeId: z.string(),
    patientCode: z.string(),
    therapistCode: z.string(),
    therapistName: z.string(),
    /** The session the therapist's rating form is for (the caseload's "rating due" one first); null when none. */
    toRate: z.string().nullable(),
    /** Titles of the next session's patient forms without this network's wording (no link can be made). */
    nextLinkBlocked: z.array(z.string()),
    /** Questionnaire urls the episode's study schedule gives each rater (default: the demo forms). */
    forms: z.object({ patient: z.array(z.string()), therapist: z.array(z.string()) }),
    series: z.array(SeriesPoint),
    congruence: z.array(CongruencePoint),
    trend: z.looseObject({ label: z.string().nullable(), gapSlope: Num }),
    alerts: z.array(AlertOut),
    openAlerts: z.array(AlertOut),
    band: z.array(z.object({ session: z.number(), mean: z.number(), lower: z.number(), upper: z.number() })),
    /** The outcome the series, band and not on track follow, and which way is better (PHQ-9: lower). */
    outcome: z.object({ id: z.string(), higherIsBetter: z.boolean() }),
    model: z.object({ source: z.string(), note: z.string() }),
    threshold: z.number(),
  })
  .meta({ id: "EpisodeFeedback" });
const Interval = z.object({ estimate: z.number(), lower: z.number(), upper: z.number() });
const Attunement = z.object({
  therapist: z.string(),
  directionalBias: Interval,
  truthForce: Interval,
  temporalCongruence: Interval.nullable(),
  window: z.string(),
  sessions: z.number(),
  /** What the directional bias describes: the model's intercept, at this session, for a patient rating at `patientRating`. */
  describes: z.object({ session: z.number(), patientRating: z.number() }).optional(),
  /** The therapist's own sessions with both ratings: their range and who rated higher. */
  observed: z
    .object({
      from: z.number(),
      to: z.number(),
      sessions: z.number(),
      therapistHigher: z.number(),
      patientHigher: z.number(),
      meanGap: z.number(),
    })
    .nullable()
    .optional(),
});
export const AttunementOut = z
  .object({ me: Attunement.nullable(), network: z.array(Attunement) })
  .meta({ id: "Attunement" });
export const CaseloadQuery = z.object({
  therapist: Code.optional().meta({ description: "a therapist's code (coordinators only)" }),
});

/** One form's noise as the calibration measured it (core's calibrationSummary). */
const CalibratedForm = z.looseObject({
  forms: z.number(),
  withinSd: z.number(),
  alpha: Num,
  items: Num,
  reliableChange: Num,
});
/** The network's choice of rupture statistic (coordinator; audited). */
export const AlertSettings = z
  .object({
    /** "mean": the form's mean score; "items": the patient form's item answers (graded-response model). */
    ruptureStatistic: z.enum(["mean", "items"]),
  })
  .strict();
/**
 * The item-level rupture rule's background fit: `setting` the network's choice (`chosen` false: attune's
 * default), `state` of the latest fit ("off" while the mean is chosen), `inUse` whether the alerts use it.
 */
export const ItemCalibrationOut = z.object({
  setting: z.enum(["mean", "items"]),
  chosen: z.boolean(),
  state: z.enum(["off", "waiting", "running", "ready", "failed"]),
  inUse: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** When the fit in use (or kept) was made, and on how many responses. */
  fittedAt: z.string().nullable(),
  fitResponses: z.number().nullable(),
  /** Responses of the network now, and how many more start a new fit. */
  responses: z.number(),
  refitAt: z.number().nullable(),
});
/** GET/PUT /api/network/alert-settings: the setting and the state of its fit. */
export const AlertSettingsOut = AlertSettings.extend({ itemCalibration: ItemCalibrationOut });

/** The network's alert calibration: thresholds, noise, and the alerts per therapist-week they imply. */
export const CalibrationOut = z.looseObject({
  itemCalibration: ItemCalibrationOut,
  sessions: z.number(),
  patients: z.number(),
  therapists: z.number(),
  therapistWeeks: z.number(),
  budget: z.looseObject({
    falseRupturesPer100Sessions: z.number(),
    notOnTrackEpisodeFpr: z.number(),
    notOnTrackPersistence: z.number(),
  }),
  forms: z.object({
    alliance_patient: CalibratedForm,
    alliance_therapist: CalibratedForm,
    outcome: CalibratedForm,
  }),
  rupture: z.looseObject({
    status: z.string(),
    zThreshold: z.number(),
    probabilityBar: z.number(),
    noiseByLevel: z.array(z.object({ upTo: z.number(), sd: z.number(), pairs: z.number() })),
    /** The latent-alliance model the rule uses: its noise, mean course and the weight of the network's noise. */
    latent: z.looseObject({
      noiseSd: z.number(),
      meanCourse: z.looseObject({ session1To10: z.number() }),
      noiseWeightSessions: z.number(),
    }),
  }),
  notOnTrack: z.looseObject({
    status: z.string(),
    z: z.number(),
    persistence: z.number(),
    episodeFpr: z.number(),
    episodeLength: z.number(),
    /** True when the short-treatment target (budget.notOnTrackShortEpisodeFpr) applied. */
    shortEpisodes: z.boolean().optional(),
    model: z.looseObject({ source: z.string(), note: z.string() }),
  }),
  implied: z.object({
    rupturePer100Sessions: z.number(),
    notOnTrackPer100Sessions: z.number(),
    /** Not on track per outcome form the network follows (each form raises its own alerts). */
    notOnTrackByForm: z.array(z.object({ form: z.string(), per100Sessions: z.number() })),
    incongruencePer100Sessions: z.number(),
    warningsPerTherapistWeek: z.number(),
  }),
});

export type SeriesPoint = z.infer<typeof SeriesPoint>;
export type AlertOut = z.infer<typeof AlertOut>;
export type CaseloadOut = z.infer<typeof CaseloadOut>;
export type EpisodeFeedbackOut = z.infer<typeof EpisodeFeedbackOut>;
export type AttunementOut = z.infer<typeof AttunementOut>;
export type CaseloadQuery = z.input<typeof CaseloadQuery>;
export type CalibrationOut = z.infer<typeof CalibrationOut>;
export type AlertSettings = z.infer<typeof AlertSettings>;
export type ItemCalibrationOut = z.infer<typeof ItemCalibrationOut>;
export type AlertSettingsOut = z.infer<typeof AlertSettingsOut>;
