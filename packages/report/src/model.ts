/** A table of a report: caption, header, rows of already formatted cells. */
export interface Table {
  readonly caption: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Per column "l" or "r" [first column left, the rest right]. */
  readonly align?: ReadonlyArray<"l" | "r">;
}

/** What a figure draws: the report's four plots (a page names the columns of `data` by it). */
export type FigureKind = "caterpillar" | "trajectory" | "surface" | "contour";

/**
 * A figure: a short title, a caption (what it shows, in words: the run page's alt text), the standalone
 * SVG, and the numbers it draws (`data`, one row per mark), so a page can show them in a table beside it.
 */
export interface Figure {
  readonly title: string;
  readonly caption: string;
  readonly svg: string;
  readonly kind: FigureKind;
  /** The model whose numbers it draws (a run page shows it in that model's section). */
  readonly model: string;
  /** What it is about: the per-therapist estimate's label, the rater, or the surface's model. */
  readonly about: string;
  /** The numbers drawn: column names (as `head` of a Table) and rows of raw values. */
  readonly data: {
    readonly head: readonly string[];
    readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
  };
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
