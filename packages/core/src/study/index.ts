export {
  randomiseTherapists,
  RANDOMISATION_ALGORITHM,
  type RandomiseInput,
  type Allocation,
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
