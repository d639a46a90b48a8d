// Researcher workspace (issue 7): choose data, run recipes, read the report, download what reproduces it.
import type { StaffSection } from "./context.ts";

export const researcherSection: StaffSection = {
  roles: ["researcher"],
  nav: () => [],
  home: () => null,
  route: () => Promise.resolve(false),
};
