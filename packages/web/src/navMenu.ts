// The staff header's nav on a phone (issue 14): a coordinator has a dozen links, which wrapped to four rows
// at 390 px. When a role's nav is long, a narrow screen shows a "Menu" disclosure button instead (a real
// button with aria-expanded; Escape closes it and gives focus back; choosing a link closes it); wide
// screens show every link in the row as before (style.css hides the button there). The open state lives
// in the DOM, not in the shell's template, so a page redraw does not reopen or close it.
import { html, type TemplateResult } from "lit-html";

/** More links than this (with account and glossary) get the menu on a phone. */
export const MENU_FROM = 7;

function setOpen(nav: HTMLElement, open: boolean): void {
  nav.querySelector(".nav-toggle")?.setAttribute("aria-expanded", String(open));
  nav.classList.toggle("menu-open", open);
}

/**
 * The nav: `items` (links, then the name and the sign-out button) behind a menu button on phones when
 * there are at least MENU_FROM of them.
 *
 * @example
 * html`${navMenu(t.nav.label, "Menu", [link("/patients", "Caseload"), ...])}`
 */
export function navMenu(label: string, menu: string, items: TemplateResult[], links: number): TemplateResult {
  const toggle = (e: Event) => {
    const nav = (e.currentTarget as HTMLElement).closest("nav");
    if (nav) setOpen(nav, !nav.classList.contains("menu-open"));
  };
  const close = (e: Event) => {
    const nav = (e.currentTarget as HTMLElement).closest("nav");
    if (nav && (e.target as HTMLElement).closest("a")) setOpen(nav, false);
  };
  const escape = (e: KeyboardEvent) => {
    const nav = e.currentTarget as HTMLElement;
    if (e.key !== "Escape" || !nav.classList.contains("menu-open")) return;
    setOpen(nav, false);
    nav.querySelector<HTMLElement>(".nav-toggle")?.focus();
  };
  return html`<nav aria-label=${label} class=${links >= MENU_FROM ? "has-menu" : ""} @keydown=${escape}>
    <button
      type="button"
      class="chip nav-toggle"
      aria-expanded="false"
      aria-controls="nav-links"
      @click=${toggle}
    >
      ${menu}
    </button>
    <div id="nav-links" class="nav-links" @click=${close}>${items}</div>
  </nav>`;
}
