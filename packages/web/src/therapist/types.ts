// What the dashboard API answers for the therapist's pages: the caseload, one dyad's series with its
// alerts and expected band, and the attunement profile (shapes of /api/dashboard/*), as @attune/api
// infers them from the schemas the server documents them with.
import type { AttunementOut, CaseloadOut } from "@attune/api";

export type {
  /** One session of a dyad: both alliance ratings and the outcome, null where a form is missing. */
  SeriesPoint as Point,
  /** An alert with why it fired (numbers by key), what it means and what the research suggests. */
  AlertOut as Alert,
  CaseloadOut as Caseload,
  /** One patient's page: the dyad's series, congruence, alerts and expected band. */
  EpisodeFeedbackOut as Dyad,
  /** The therapist's attunement profile beside the network's spread. */
  AttunementOut as Attunement,
} from "@attune/api";
/** One patient on the caseload. */
export type CaseRow = CaseloadOut["patients"][number];
export type Estimate = AttunementOut["network"][number]["truthForce"];
