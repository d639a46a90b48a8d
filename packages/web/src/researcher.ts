// Researcher workspace: choose data, run recipes, read the results in the page, download what
// reproduces them. Pages: /research (workspace), /runs (past runs), /runs/<id> (one run). Coordinators may
// run analyses too, so the section is theirs as well; it is the home page of researchers only.
import type { StaffSection } from "./context.ts";
import { runPage } from "./researcher/runPage.ts";
import { runsListPage } from "./researcher/runsList.ts";
import { workspacePage } from "./researcher/workspace.ts";
import { workspaceWords } from "./researcher/workspaceWords.ts";

/** The researcher workspace's nav entries, home and routes (registered in staff.ts's SECTIONS). */
export const researcherSection: StaffSection = {
  roles: ["researcher", "coordinator"],
  nav: (me, lang) => {
    const w = workspaceWords(lang).nav;
    return me.role === "researcher"
      ? [
          ["/research", w.workspace],
          ["/runs", w.runs],
        ]
      : [["/research", w.analyses]];
  },
  home: (me) => (me.role === "researcher" ? "/research" : null),
  async route(ctx, path) {
    if (path === "/research") await workspacePage(ctx);
    else if (path === "/runs") await runsListPage(ctx);
    else {
      const m = /^\/runs\/([A-Za-z0-9_-]+)$/.exec(path);
      if (!m) return false;
      await runPage(ctx, m[1]!);
    }
    return true;
  },
};
