// Finding rows in a long staff table: a search text, a few filters (each a value of the row, "" = any) and
// a chosen order. One mechanism for the caseload, the staff list, the study's patients and the runs list; the rows it
// leaves are cut into pages by pager.ts. Pure, so the node tests check it without a browser.

/** One filter of a table: a menu of the values `value` gives the rows. */
export interface FindFilter<T> {
  key: string;
  label: string;
  /** The menu's first entry, meaning "any value". */
  any: string;
  value: (row: T) => string;
  /** How a value reads in the menu (default: the value itself). */
  name?: (value: string) => string;
  /**
   * Drawn as one checkbox labelled `label` instead of a menu: checked keeps the rows whose value is `check`
   * (the caseload's "Only those needing attention").
   */
  check?: string;
}

/** One order the table can be put in. */
export interface FindSort<T> {
  key: string;
  label: string;
  compare: (a: T, b: T) => number;
}

/** What a table can be searched, filtered and sorted by. `id` prefixes the controls' ids. */
export interface FindSpec<T> {
  id: string;
  /** The table's name in the pager ("Staff 1–50 of 80"). */
  label: string;
  /** The search box's label and its hint (what the text is matched against). */
  search: string;
  hint: string;
  /** The texts a row is found by (any of them containing the search, case-insensitively). */
  text: (row: T) => readonly string[];
  filters: readonly FindFilter<T>[];
  /** The first order is the default. */
  sorts: readonly FindSort<T>[];
  /** The count line in the table's own words ("3 of 40 patients shown."); default "3 of 40 shown.". */
  shown?: (n: number, of: number) => string;
}

/** What the user asked for; kept by the page across redraws. */
export interface FindState {
  text: string;
  filters: Record<string, string>;
  sort: string;
  page: number;
}

/**
 * A fresh state: no search, every filter "any", the spec's first order, first page.
 *
 * @example
 * const find = newFind(staffSpec); // { text: "", filters: {}, sort: "code", page: 0 }
 */
export function newFind<T>(spec: FindSpec<T>): FindState {
  return { text: "", filters: {}, sort: spec.sorts[0]?.key ?? "", page: 0 };
}

/**
 * The rows the search and filters leave, in the chosen order (a new array; `rows` is not changed).
 *
 * @example
 * findRows(users, staffSpec, { text: "t0", filters: { role: "therapist" }, sort: "code", page: 0 })
 */
export function findRows<T>(rows: readonly T[], spec: FindSpec<T>, state: FindState): T[] {
  const q = state.text.trim().toLowerCase();
  const active = spec.filters.filter((f) => (state.filters[f.key] ?? "") !== "");
  const left = rows.filter(
    (r) =>
      (!q || spec.text(r).some((s) => s.toLowerCase().includes(q))) &&
      active.every((f) => f.value(r) === state.filters[f.key]),
  );
  const sort = spec.sorts.find((s) => s.key === state.sort) ?? spec.sorts[0];
  return sort ? left.sort(sort.compare) : left;
}

/**
 * The distinct values of a filter over the rows, sorted, each with its menu name.
 *
 * @example
 * filterChoices(users, roleFilter) // [["coder", "Coder"], ["therapist", "Therapist"]]
 */
export function filterChoices<T>(rows: readonly T[], f: FindFilter<T>): [string, string][] {
  const values = [...new Set(rows.map(f.value))].sort((a, b) => a.localeCompare(b));
  return values.map((v) => [v, f.name ? f.name(v) : v]);
}

/**
 * Compares by a text key, then numbers inside it by value ("T2" before "T10").
 *
 * @example
 * users.sort(byText((u) => u.code))
 */
export const byText =
  <T>(key: (row: T) => string) =>
  (a: T, b: T): number =>
    key(a).localeCompare(key(b), undefined, { numeric: true, sensitivity: "base" });
