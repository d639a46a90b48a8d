// Namespaced, frozen repositories (one object per area, every function taking the Kysely handle first
// so it runs inside or outside a transaction). New statements go here rather than into the callers.
export { EpisodeRepository } from "./episodes.ts";
export { FormRepository } from "./forms.ts";
export { SeriesRepository } from "./scores.ts";
export {
  HealthRepository,
  UserRepository,
  LinkRepository,
  AllocationRepository,
  NetworkRepository,
  CodeRepository,
} from "./misc.ts";
export { SessionRepository } from "./sessions.ts";
export { DemoRepository } from "./demo.ts";
