/** A table of a report: caption, header, rows of already formatted cells. */
export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Per column "l" or "r" [first column left, the rest right]. */
  readonly align?: ReadonlyArray<"l" | "r">;
}

/** A figure: caption and standalone SVG. */
export interface Figure {
  readonly caption: string;
  readonly svg: string;
}

/** A block of a report section: a paragraph, a formula, a table or a row of figures. */
export type Block =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "code"; readonly text: string }
  | { readonly kind: "table"; readonly table: Table }
  | { readonly kind: "figures"; readonly figures: readonly Figure[] };

/** One section (heading level 2, optional sub-heading blocks). */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** A whole report, renderable as HTML, markdown or console text. */
export interface Report {
  readonly title: string;
  readonly subtitle: string;
  readonly sections: readonly Section[];
}
