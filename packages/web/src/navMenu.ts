// The staff header's nav on a phone (issue 14): a coordinator has a dozen links, which wrapped to four rows
// at 390 px. When a role's nav is long, a narrow screen shows a "Menu" disclosure button instead (a real
// button with aria-expanded; Escape closes it and gives focus back; choosing a link closes it); wide
// screens show every link in the row as before (style.css hides the button there). The open state lives
// in the DOM, not in the shell's template, so a page redraw does not reopen or close it. The name and the
// sign-out button stay outside the menu. On wider screens a long nav (has-menu) gets a row of its own under
// the brand, the name, sign-out and the language switch; where even that row would wrap (a coordinator's
// links at 1024 px, French words being longer) the nav is "collapsed" into the first row: the same Menu
// button opens the links as a panel under the header. Whether they fit is measured after each draw and resize.
import { html, type TemplateResult } from "lit-html";

/** More links than this (with account and glossary) get the menu on a phone. */
export const MENU_FROM = 7;

function setOpen(nav: HTMLElement, open: boolean): void {
  nav.querySelector(".nav-toggle")?.setAttribute("aria-expanded", String(open));
  nav.classList.toggle("menu-open", open);
}

/** Below this width style.css's phone rules place the nav (has-menu); fitting is for wider screens. */
const PHONE = "(max-width: 600px)";

/**
 * Collapses `nav` behind its Menu button when its links, shown, would not share one row (a long nav: their
 * own row; a short one: the brand's row with the language switch). A middle lower than the first's means
 * the row wrapped.
 *
 * @example
 * fitNav(document.querySelector("header nav")!);
 */
export function fitNav(nav: HTMLElement): void {
  nav.classList.remove("collapsed");
  const brand = nav.closest("header")?.querySelector(".brand");
  if (!brand || matchMedia(PHONE).matches) return;
  const mid = (e: Element) => {
    const r = e.getBoundingClientRect();
    return r.top + r.height / 2;
  };
  const links = [...nav.querySelectorAll(".nav-links > *")];
  const items = nav.classList.contains("has-menu")
    ? links
    : [brand, ...links, ...(nav.closest("header")?.querySelectorAll(".nav-end > *, .staff-lang") ?? [])];
  const row = items[0] ? mid(items[0]) : 0;
  if (items.some((e) => Math.abs(mid(e) - row) > 8)) nav.classList.add("collapsed");
}

const fitAll = () => document.querySelectorAll<HTMLElement>("header nav").forEach(fitNav);
let watching = false;

/** Refits on resize (and once the fonts are in); a click outside an open menu closes it. Installed once. */
function watch(): void {
  if (watching) return;
  watching = true;
  addEventListener("resize", fitAll);
  void document.fonts?.ready.then(fitAll);
  document.addEventListener("click", (e) => {
    const open = document.querySelector<HTMLElement>("header nav.menu-open");
    if (open && !open.contains(e.target as Node)) setOpen(open, false);
  });
}

/**
 * The nav: `items` (its first `links` are links, the rest the name and the sign-out button, which stay
 * outside the menu) behind a menu button on phones when there are at least MENU_FROM links.
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
  watch();
  // The shell renders this synchronously; the microtask measures the drawn header.
  queueMicrotask(fitAll);
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
      <div id="nav-links" class="nav-links" @click=${close}>${items.slice(0, links)}</div>
    </nav>
    <div class="nav-end">${items.slice(links)}</div>`;
}
