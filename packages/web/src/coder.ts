// The observer's (coder's) pages: the sessions assigned to them (/coding, their home) and one session's
// coding (/coding/<sessionId>), drawn with the patient form's renderer. Patients appear by code only.
import type { StaffSection } from "./context.ts";
import "./coder/coder.css";
import { codingHome } from "./coder/home.ts";
import { codingPage } from "./coder/session.ts";

/** The coder's nav entry, home and routes (registered in staff.ts's SECTIONS). */
export const coderSection: StaffSection = {
  roles: ["coder"],
  nav: () => [["/coding", "Sessions to code"]],
  home: () => "/coding",
  async route(ctx, path) {
    const m = /^\/coding\/([A-Za-z0-9_-]+)$/.exec(path);
    if (path === "/coding") await codingHome(ctx);
    else if (m) await codingPage(ctx, m[1]!);
    else return false;
    return true;
  },
};
