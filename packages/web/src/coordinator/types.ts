// The shapes the coordinator pages read from the API: the types @attune/api infers from the schemas the
// server validates and documents with (/api/openapi.json), under the pages' names.
import type { FormOut, StudyOut } from "@attune/api";

export type {
  Site,
  UserOut as User,
  InvitationOut as Invitation,
  StudyOut as Study,
  AllocationOut as Allocation,
  RandomisationOut as Randomisation,
  RandomisationsOut as Randomisations,
  Counts,
  CompletionOut as Completion,
  ReminderOut as Reminder,
  LinkOut as Link,
  ImportReport,
} from "@attune/api";
export type ScheduleItem = StudyOut["schedule"][number];
export type Status = FormOut["status"];
