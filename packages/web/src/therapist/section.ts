// The therapist's section (also the coordinator's view of any patient): the caseload, one patient's page
// with its printable progress report, and the attunement profile, routed by path.
import { attunementPage } from "./attunement.ts";
import { caseloadPage } from "./caseload.ts";
import type { TherapistContext } from "./context.ts";
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
