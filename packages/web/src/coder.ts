// The observer's (coder's) pages: the sessions assigned to them (/coding, their home) and one session's
// coding (/coding/<sessionId>), drawn with the patient form's renderer. Patients appear by code only.
import { html } from "lit-html";
import type { StaffSection } from "./context.ts";
import "./coder/coder.css";
import { codingHome } from "./coder/home.ts";
import { codingPage } from "./coder/session.ts";
import { coderWords } from "./coder/words.ts";

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
      const w = coderWords(ctx.lang).notFound;
      ctx.shell(
        w.title,
        html`<h1 tabindex="-1">${w.heading}</h1>
          <p>${w.body(html`<code>${path}</code>`, ctx.link("/coding", w.start))}</p>`,
        true,
      );
    }
    return true;
  },
};
