import { InputError } from "../errors.ts";
import type { Expr, Formula, FormulaNode } from "./ast.ts";

/** A model term: the labels of the variables it multiplies (one for a main effect). */
export type Term = readonly string[];

/** Terms of a (fixed or random-effects) model part, in R's order, with the intercept flag. */
export interface TermList {
  readonly terms: readonly Term[];
  readonly intercept: boolean;
}

/** A grouping factor of a random-effects term: `g`, `a:b`, or `b:a` from the nesting `a/b`. */
export interface GroupingFactor {
  readonly label: string;
  readonly variables: readonly string[];
}

/** One random-effects term `(lhs | group)` after expanding `||` and `/`. */
export interface RandomTermSpec {
  readonly lhs: TermList;
  readonly group: GroupingFactor;
}

/** A formula expanded into R's terms: the input of the model frame. */
export interface ExpandedFormula {
  readonly text: string;
  readonly response: { readonly label: string; readonly expr: Expr };
  /** Every variable label used by a term, with its expression, in order of first appearance. */
  readonly variables: ReadonlyMap<string, Expr>;
  readonly fixed: TermList;
  readonly random: readonly RandomTermSpec[];
  /** `offset(...)` calls of the fixed part: known parts of the linear predictor, summed (as R does). */
  readonly offsets: readonly Expr[];
}

interface Partial {
  terms: Term[];
  intercept: boolean | undefined;
}

/**
 * Expands a parsed formula into fixed terms (ordered as R orders them: by interaction order, then by
 * appearance) and random-effects terms (`||` split into uncorrelated terms, `a/b` into `a` and `b:a`).
 *
 * @example
 * const e = expandFormula(parseFormula("y ~ a * b + (1 | g)"));
 * e.fixed.terms; // [["a"], ["b"], ["a", "b"]]
 */
export function expandFormula(f: Formula): ExpandedFormula {
  const variables = new Map<string, Expr>();
  const offsets: Expr[] = [];
  const randomNodes: Extract<FormulaNode, { kind: "random" }>[] = [];
  const fixedNode = collect(f.rhs, randomNodes);
  // The fixed part first, as lme4 builds it from the formula without its bars (nobars): the order
  // of variables inside interaction names follows their appearance in the fixed part.
  const fixed = fixedNode ? expandTerms(fixedNode, variables, offsets) : { terms: [], intercept: undefined };
  const fixedTerms = finish(fixed, variables);
  const random: RandomTermSpec[] = [];
  for (const node of randomNodes) {
    const lhs = finish(expandTerms(node.lhs, variables, null), variables);
    for (const group of groupingFactors(node.group)) {
      if (node.uncorrelated) {
        if (lhs.intercept) random.push({ lhs: { terms: [], intercept: true }, group });
        for (const t of lhs.terms) random.push({ lhs: { terms: [t], intercept: false }, group });
      } else {
        random.push({ lhs, group });
      }
    }
  }
  return { text: f.text, response: f.response, variables, fixed: fixedTerms, random, offsets };
}

/** Removes random terms from the tree (collecting them) and returns what is left for the fixed part. */
function collect(node: FormulaNode, random: Extract<FormulaNode, { kind: "random" }>[]): FormulaNode | null {
  switch (node.kind) {
    case "random":
      random.push(node);
      return null;
    case "op": {
      if (node.op !== "+" && node.op !== "-") {
        if (containsRandom(node)) {
          throw new InputError(
            `formula: a random-effects term cannot be combined with "${node.op}" at position ${node.pos}`,
            { position: node.pos },
          );
        }
        return node;
      }
      const left = node.left ? collect(node.left, random) : null;
      const right = collect(node.right, random);
      if (right === null) return left;
      if (left === null && node.left !== null) {
        return node.op === "+" ? right : { ...node, left: null, right };
      }
      return { ...node, left, right };
    }
    default:
      return node;
  }
}

function containsRandom(node: FormulaNode): boolean {
  if (node.kind === "random") return true;
  if (node.kind === "op")
    return (node.left !== null && containsRandom(node.left)) || containsRandom(node.right);
  return false;
}

/** Expands a formula tree into terms; `offsets` collects offset() calls (null where none may stand). */
function expandTerms(node: FormulaNode, variables: Map<string, Expr>, offsets: Expr[] | null): Partial {
  switch (node.kind) {
    case "variable":
      if (node.expr.kind === "call" && node.expr.fn === "offset") {
        if (offsets === null) {
          throw new InputError(
            `formula: offset() belongs to the fixed part, not inside a random-effects term, at position ${node.pos}`,
            { position: node.pos },
          );
        }
        offsets.push(node.expr);
        return { terms: [], intercept: undefined };
      }
      if (!variables.has(node.label)) variables.set(node.label, node.expr);
      return { terms: [[node.label]], intercept: undefined };
    case "intercept":
      return { terms: [], intercept: node.present };
    case "random":
      throw new InputError(
        `formula: a random-effects term cannot be nested inside another at position ${node.pos}`,
        {
          position: node.pos,
        },
      );
    case "op": {
      const left = node.left
        ? expandTerms(node.left, variables, offsets)
        : { terms: [], intercept: undefined };
      const right = expandTerms(node.right, variables, offsets);
      switch (node.op) {
        case "+":
          return { terms: union(left.terms, right.terms), intercept: right.intercept ?? left.intercept };
        case "-": {
          const drop = new Set(right.terms.map(key));
          let intercept = left.intercept;
          if (right.intercept === true) intercept = false;
          else if (right.intercept === false) intercept = true;
          return { terms: left.terms.filter((t) => !drop.has(key(t))), intercept };
        }
        case ":":
          return { terms: cross(left.terms, right.terms), intercept: undefined };
        case "*":
          return {
            terms: union(union(left.terms, right.terms), cross(left.terms, right.terms)),
            intercept: right.intercept ?? left.intercept,
          };
        case "/": {
          const all = [...new Set(left.terms.flat())];
          return { terms: union(left.terms, cross([all], right.terms)), intercept: left.intercept };
        }
      }
    }
  }
}

function groupingFactors(node: FormulaNode): GroupingFactor[] {
  switch (node.kind) {
    case "variable":
      if (node.expr.kind === "call" && (node.expr.fn === "factor" || node.expr.fn === "as.factor")) {
        // lme4 cannot evaluate factor() as a grouping factor either; a grouping column is always a factor.
        throw new InputError(
          `formula: a grouping factor is always treated as a factor: write "${deparseGroup(node.expr)}" instead of "${node.label}" at position ${node.pos}`,
          { position: node.pos },
        );
      }
      if (node.expr.kind !== "var") {
        throw new InputError(`formula: grouping factor must be a column name, not "${node.label}"`, {
          position: node.pos,
        });
      }
      return [{ label: node.label, variables: [node.label] }];
    case "op":
      if (node.op === ":" && node.left) {
        const out: GroupingFactor[] = [];
        for (const a of groupingFactors(node.left)) {
          for (const b of groupingFactors(node.right)) {
            out.push({ label: `${a.label}:${b.label}`, variables: [...a.variables, ...b.variables] });
          }
        }
        return out;
      }
      if (node.op === "/" && node.left) {
        const outer = groupingFactors(node.left);
        const last = outer[outer.length - 1] as GroupingFactor;
        // lme4's expandSlash names the inner factor "b:a" for a/b.
        const inner = groupingFactors(node.right).map((b) => ({
          label: `${b.label}:${last.label}`,
          variables: [...b.variables, ...last.variables],
        }));
        return [...outer, ...inner];
      }
      break;
    default:
      break;
  }
  throw new InputError(
    `formula: cannot use this grouping expression at position ${node.pos} (use g, a:b or a/b)`,
    {
      position: node.pos,
    },
  );
}

function deparseGroup(e: Extract<Expr, { kind: "call" }>): string {
  return e.arg.kind === "var" ? e.arg.name : "a column name";
}

function finish(p: Partial, variables: ReadonlyMap<string, Expr>): TermList {
  const order = new Map([...variables.keys()].map((k, i) => [k, i]));
  const terms = p.terms
    .map((t) => [...t].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)))
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.length - b.t.length || a.i - b.i)
    .map((x) => x.t);
  return { terms, intercept: p.intercept ?? true };
}

function key(t: Term): string {
  return [...t].sort().join("\u0000");
}

function union(a: readonly Term[], b: readonly Term[]): Term[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const t of b) {
    if (!seen.has(key(t))) {
      seen.add(key(t));
      out.push(t);
    }
  }
  return out;
}

function cross(a: readonly Term[], b: readonly Term[]): Term[] {
  const out: Term[] = [];
  for (const x of a) for (const y of b) out.push([...new Set([...x, ...y])]);
  return union([], out);
}
