export {
  randomiseTherapists,
  reproduceRandomisation,
  RANDOMISATION_ALGORITHM,
  type RandomiseInput,
  type Allocation,
  type RecordedRandomisation,
} from "./randomise.ts";
export {
  completionStatus,
  countCompletion,
  type ScheduleLine,
  type SessionInfo,
  type FormStatus,
  type CompletionOptions,
  type CompletionCounts,
} from "./completion.ts";
export {
  assembleCompletion,
  type CompletionInput,
  type EpisodeCompletion,
  type FormAtSession,
} from "./monitor.ts";
export {
  checkSequence,
  patientArmAt,
  reproducePatientAllocations,
  siteSequence,
  PATIENT_RANDOMISATION_ALGORITHM,
  type PatientSequence,
} from "./patientRandomise.ts";
