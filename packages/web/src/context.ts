// What a staff page module gets from the app shell: who is signed in, navigation, the page frame and the
// live region. Role sections (coordinator.ts, researcher.ts) register their pages through StaffSection.
import type { Me } from "@attune/api";
import type { TemplateResult } from "lit-html";
import type { Lang } from "./i18n.ts";

/** The signed-in staff member, as `GET /api/auth/me` answers (@attune/api's type). */
export type { Me };

export interface StaffContext {
  readonly root: HTMLElement;
  readonly me: Me;
  /** Navigate within the app (pushState + route). */
  go(path: string): void;
  /** An in-app link that navigates without a reload. */
  link(path: string, text: string | TemplateResult, cls?: string): TemplateResult;
  /** The language chosen in the header (a page with words in both languages follows it). */
  readonly lang: Lang;
  /**
   * Render a page: sets the document title and draws the header, nav and `body`. The page is marked English
   * unless `translated` (its words follow `lang`).
   */
  shell(title: string, body: TemplateResult, translated?: boolean): void;
  /** Called when a new answer arrives (server-sent events); null for pages that need no live redraw. */
  setRefresh(refresh: (() => void) | null): void;
  /** How the page is drawn again in a new language without refetching (default: the route runs again). */
  setRedraw(redraw: () => void | Promise<void>): void;
  /** Announce a message to screen readers (the polite live region). */
  announce(message: string): void;
}

/** One role's pages. */
export interface StaffSection {
  /** Roles that see this section. */
  roles: readonly string[];
  /** Nav entries [path, label] for this role, in order, labelled in `lang`. */
  nav(me: Me, lang: Lang): [string, string][];
  /** The home path for these roles (what "/" shows), or null to keep the caseload. */
  home(me: Me): string | null;
  /** Render the page for `path` and resolve true, or resolve false if the path is not this section's. */
  route(ctx: StaffContext, path: string, search: URLSearchParams): Promise<boolean>;
}
