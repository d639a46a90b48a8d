// Coordinator pages (issue 7): network set-up, studies, randomisation, completion and reminders, import.
import type { StaffSection } from "./context.ts";

export const coordinatorSection: StaffSection = {
  roles: ["coordinator"],
  nav: () => [],
  home: () => null,
  route: () => Promise.resolve(false),
};
