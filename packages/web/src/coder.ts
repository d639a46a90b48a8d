// The observer's (coder's) pages: the sessions assigned to them (/coding, their home) and one session's
// coding (/coding/<sessionId>), drawn with the patient form's renderer. Patients appear by code only.
import { html } from "lit-html";
import type { StaffSection } from "./context.ts";
import "./coder/coder.css";
import { codingHome } from "./coder/home.ts";
import { codingPage } from "./coder/session.ts";

/** The coder's nav entry, home and routes (registered in staff.ts's SECTIONS). */
export const coderSection: StaffSection = {
  roles: ["coder"],
  nav: (_me, lang) => [["/coding", lang === "fr" ? "Séances à coder" : "Sessions to code"]],
  home: () => "/coding",
  async route(ctx, path) {
    const m = /^\/coding\/([A-Za-z0-9_-]+)$/.exec(path);
    if (path === "/coding") await codingHome(ctx);
    else if (m) await codingPage(ctx, m[1]!);
    else {
      // Every other staff page belongs to other roles: say so here rather than fall through to the shell's
      // generic text.
      ctx.setRefresh(null);
      ctx.shell(
        "Not found",
        html`<h1 tabindex="-1">Page not found</h1>
          <p>
            There is no coder's page at <code>${path}</code>.
            ${ctx.link("/coding", "Go to Sessions to code")}.
          </p>`,
      );
    }
    return true;
  },
};
