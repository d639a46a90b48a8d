// What the therapist's pages get from the app shell: the signed-in member, the words and number writers of
// the language chosen now (the header switch changes them, so they are read at each draw), navigation and
// the page frame.
import type { TemplateResult } from "lit-html";
import type { Me } from "../context.ts";
import type { Lang } from "../i18n.ts";
import type { numbers } from "../staffLang.ts";
import type { StaffText } from "../staffText.ts";

export type Numbers = ReturnType<typeof numbers>;

export interface TherapistContext {
  readonly root: HTMLElement;
  readonly me: Me;
  /** The staff language now (read again at every draw: the switch can change it between draws). */
  readonly lang: Lang;
  readonly t: StaffText;
  readonly num: Numbers;
  /** An in-app link that navigates without a reload. */
  link(path: string, text: string | TemplateResult, cls?: string): TemplateResult;
  /** Draws a page in the header and nav frame. */
  shell(title: string, body: TemplateResult): void;
  /** Called when a new answer arrives; null for pages without a live redraw. */
  setRefresh(refresh: (() => void) | null): void;
  /** How the page is drawn again in a new language without refetching. */
  setRedraw(redraw: () => void | Promise<void>): void;
  /** Tells screen readers (the polite live region). */
  announce(message: string): void;
}
