// Therapist-level data pages, registered with the app shell: the coordinator's /therapist-data and a
// therapist's /my-profile (therapistData/page.ts draws both).
import type { StaffSection } from "./context.ts";
import { therapistDataPage } from "./therapistData/page.ts";

/** Nav entries and routes of the therapist-data pages (registered in staff.ts's SECTIONS). */
export const therapistDataSection: StaffSection = {
  roles: ["coordinator", "therapist"],
  nav: (me, lang) =>
    me.role === "coordinator"
      ? [["/therapist-data", lang === "fr" ? "Thérapeutes" : "Therapist data"]]
      : [["/my-profile", lang === "fr" ? "Mon profil" : "My profile"]],
  home: () => null,
  async route(ctx, path) {
    const mine = ctx.me.role === "coordinator" ? "/therapist-data" : "/my-profile";
    if (path !== mine) return false;
    await therapistDataPage(ctx);
    return true;
  },
};
