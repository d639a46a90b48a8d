/** One argument of a function call in a formula: positional (`name` null) or named (`raw = TRUE`). */
export interface CallArg {
  readonly name: string | null;
  readonly value: Expr;
}

/**
 * An arithmetic expression over data columns, as it may appear inside `log(...)` or `I(...)`.
 * A call keeps all its arguments in `args`; `arg` is the first one (the data argument of every
 * function a formula may call). `TRUE`/`FALSE` are names (`var`), read by the functions that take them.
 */
export type Expr =
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "num"; readonly value: number }
  | {
      readonly kind: "call";
      readonly fn: string;
      readonly arg: Expr;
      readonly args: readonly CallArg[];
    }
  | { readonly kind: "neg"; readonly arg: Expr }
  | {
      readonly kind: "bin";
      readonly op: "+" | "-" | "*" | "/" | "^";
      readonly left: Expr;
      readonly right: Expr;
    };

/** A node of a model formula's right-hand side (R's formula operators). */
export type FormulaNode =
  | { readonly kind: "variable"; readonly label: string; readonly expr: Expr; readonly pos: number }
  | { readonly kind: "intercept"; readonly present: boolean; readonly pos: number }
  | {
      readonly kind: "op";
      readonly op: "+" | "-" | ":" | "*" | "/";
      readonly left: FormulaNode | null;
      readonly right: FormulaNode;
      readonly pos: number;
    }
  | {
      readonly kind: "random";
      readonly lhs: FormulaNode;
      readonly group: FormulaNode;
      readonly uncorrelated: boolean;
      readonly pos: number;
    };

/** A parsed formula `response ~ rhs`. */
export interface Formula {
  readonly text: string;
  readonly response: { readonly label: string; readonly expr: Expr };
  readonly rhs: FormulaNode;
}
