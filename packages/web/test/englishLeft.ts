// Finding English left on a page shown in French. The English phrases come from a page area's English text
// table (never typed by hand): every string in it, and every text a word function writes (called with 1 for
// each argument, the phrases between the arguments kept). A phrase counts when it has two words or more and
// appears in no French text of the same area (so shared words like "Instruments" or a code do not count).
import { expect } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, PHONE, shoot } from "./browser.ts";

type Table = Record<string, unknown>;

/** The literal pieces of a text value: a string, a lit-html template's strings, or a function's output. */
function pieces(v: unknown, out: string[], depth = 0): void {
  if (depth > 6 || v === null || v === undefined) return;
  if (typeof v === "string") out.push(...v.split(/\b1\b/));
  else if (typeof v === "function") {
    let r: unknown;
    try {
      r = (v as (...a: unknown[]) => unknown)(1, 1, 1, 1, 1, 1);
    } catch {
      return; // a function that needs real arguments (a template of templates) is left to its callers
    }
    pieces(r, out, depth + 1);
  } else if (Array.isArray(v)) for (const x of v) pieces(x, out, depth + 1);
  else if (typeof v === "object") {
    const t = v as { strings?: readonly string[]; values?: unknown[] };
    if (t.strings && t.values) {
      // A lit-html TemplateResult: its literal strings (markup stripped) and its values.
      for (const s of t.strings) out.push(...s.replace(/<[^>]*>?/g, " ").split(/\b1\b/));
      pieces(t.values, out, depth + 1);
    } else for (const x of Object.values(v)) pieces(x, out, depth + 1);
  }
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * The English phrases of `en` that a French page must not show (`fr` is the same area's French table).
 *
 * @example
 * const phrases = englishPhrases(CODER_EN, CODER_FR); // ["Sessions to code", "Correct the coding", …]
 */
export function englishPhrases(en: Table, fr: Table): string[] {
  const e: string[] = [];
  const f: string[] = [];
  pieces(en, e);
  pieces(fr, f);
  const french = f.map(norm).join("\n");
  const words = (s: string) => s.split(" ").filter((w) => /\p{L}{2,}/u.test(w)).length;
  return [...new Set(e.map(norm))]
    .map((s) => s.replace(/^[\s,.;:·—–()]+|[\s,.;:·—–()]+$/g, ""))
    .filter((s) => words(s) >= 2 && s.length >= 8 && !french.includes(s));
}

/**
 * The page's main text (and its labels: aria-label, placeholder, title), leaving out parts marked as
 * another language (lang="en" inside a French page: an instrument's licensed wording), one line per node.
 */
export async function frenchPageText(page: Page): Promise<string> {
  // A string: the root tsconfig has no DOM types (evaluate runs it in the page, unaffected by the CSP).
  return (await page.evaluate(`(() => {
    const main = document.querySelector("main");
    // The main region itself must not be marked English (an untranslated page).
    if (main.getAttribute("lang") === "en") return "<main lang=en>";
    const out = [document.title];
    const walk = (n) => {
      if (n.nodeType === Node.ELEMENT_NODE) {
        const l = n.getAttribute("lang");
        if (l && l !== "fr") return;
        if (n.hidden || n.tagName === "SCRIPT" || n.tagName === "STYLE") return;
        for (const a of ["aria-label", "placeholder", "title"]) {
          const v = n.getAttribute(a);
          if (v) out.push(v);
        }
      } else if (n.nodeType === Node.TEXT_NODE) out.push(n.textContent || "");
      n.childNodes.forEach(walk);
    };
    walk(main);
    return out.map((s) => s.replace(/\\s+/g, " ").trim()).join("\\n");
  })()`)) as string;
}

/**
 * The English phrases still on the page (empty when it is all French).
 *
 * @example
 * expect(await englishOn(page, phrases)).toEqual([]);
 */
export async function englishOn(page: Page, phrases: readonly string[]): Promise<string[]> {
  const text = (await frenchPageText(page)).replace(/\n/g, " ");
  if (text.startsWith("<main lang=en>")) return ["the page is marked English (main lang=en)"];
  return phrases.filter((p) => text.includes(p));
}

/**
 * The check of a page shown in French: no English phrase of the area on it, nothing wider than a phone,
 * screenshots at both widths to bench-out/screenshots/<prefix>-<name>-*.png. One per test file (its prefix).
 *
 * @example
 * const allFrench = frenchPageCheck("fr2");
 * await allFrench(page, englishPhrases(IMPORT_EN, IMPORT_FR), "import");
 */
export function frenchPageCheck(
  prefix: string,
): (page: Page, phrases: readonly string[], name: string) => Promise<void> {
  return async (page, phrases, name) => {
    expect(phrases.length).toBeGreaterThan(5);
    expect(await englishOn(page, phrases), `${name} shows English`).toEqual([]);
    await page.setViewportSize(PHONE);
    const wide = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(wide, `${name} is ${wide}px wide on a phone`).toBeLessThanOrEqual(PHONE.width);
    await shoot(page, `${prefix}-${name}`);
    await page.setViewportSize(DESKTOP);
  };
}
