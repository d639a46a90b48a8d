// The therapist's section (also the coordinator's view of any patient): the caseload, one patient's page
// with its printable progress report, and the attunement profile, routed by path. The shell (staff.ts)
// lists its nav entries first and routes it last: "/" and "/patients" are the caseload only when no other
// section of the member's roles claimed the path.
import type { StaffContext, StaffSection } from "../context.ts";
import type { Lang } from "../i18n.ts";
import { numbers } from "../staffLang.ts";
import { staffText } from "../staffText.ts";
import { attunementPage } from "./attunement.ts";
import { caseloadPage } from "./caseload.ts";
import type { Numbers, TherapistContext } from "./context.ts";
import { clearFlash, episodePage } from "./episode.ts";
import { reportPage } from "./report.ts";

/**
 * Draws the therapist's page for `path` and resolves true, or resolves false when the path is not one of
 * theirs ("/" and "/patients" are the caseload).
 *
 * @example
 * if (!(await therapistRoute(ctx, "/patients/ep_1"))) notFound();
 */
export async function therapistRoute(ctx: TherapistContext, path: string): Promise<boolean> {
  clearFlash();
  const m = /^\/patients\/([A-Za-z0-9_-]+)(\/report)?$/.exec(path);
  if (m?.[2]) await reportPage(ctx, m[1]!);
  else if (m) await episodePage(ctx, m[1]!);
  else if (path === "/attunement") await attunementPage(ctx);
  else if (path === "/" || path === "/patients") await caseloadPage(ctx);
  else return false;
  return true;
}

/** One set of number writers per language (each holds Intl formatters; pages read `num` per cell). */
const numberWriters = new Map<Lang, Numbers>();
function numbersOf(lang: Lang): Numbers {
  let n = numberWriters.get(lang);
  if (!n) numberWriters.set(lang, (n = numbers(lang)));
  return n;
}

/**
 * The therapist's pages' view of the shell: the words and number writers of the language chosen at each
 * draw (getters, not copies, so the header switch reaches a page that redraws), and pages marked as
 * translated (the therapist's pages speak English and French).
 *
 * @example
 * await caseloadPage(therapistContext(staffCtx));
 */
export function therapistContext(ctx: StaffContext): TherapistContext {
  return {
    root: ctx.root,
    me: ctx.me,
    get lang() {
      return ctx.lang;
    },
    get t() {
      return staffText(ctx.lang);
    },
    get num() {
      return numbersOf(ctx.lang);
    },
    link: ctx.link,
    shell: (title, body) => ctx.shell(title, body, true),
    setRefresh: (r) => ctx.setRefresh(r),
    setRedraw: (r) => ctx.setRedraw(r),
    announce: (message) => ctx.announce(message),
  };
}

/**
 * The therapist's nav entries (the caseload, and for therapists their attunement profile) and routes, for
 * therapists and coordinators.
 *
 * @example
 * therapistSection.nav(me, "fr"); // [["/patients", "Patients"], ["/attunement", …]]
 */
export const therapistSection: StaffSection = {
  roles: ["therapist", "coordinator"],
  nav: (me, lang) => {
    const t = staffText(lang);
    const caseload: [string, string] = ["/patients", t.nav.caseload];
    return me.role === "therapist" ? [caseload, ["/attunement", t.nav.attunement]] : [caseload];
  },
  home: () => null,
  route: (ctx, path) => therapistRoute(therapistContext(ctx), path),
};
