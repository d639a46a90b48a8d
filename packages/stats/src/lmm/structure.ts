import type { RandomTermDesign } from "../model/design.ts";

/**
 * The block-sparse structure of Λ'Z'ZΛ + I and its Cholesky factor, fixed for a model.
 *
 * A *node* is one level of one random-effects term (a k×k block, k = the term's number of effects).
 * Nodes are numbered term by term in lme4's term order (most levels first), so for nested designs
 * (sessions in patients in therapists) every patient column of the factor touches only its own
 * therapist: the factorization costs O(groups), never O(rows). Crossed designs simply get fill.
 * The fixed effects and the response form one dense trailing block `[X y]` of size p+1.
 */
export interface BlockStructure {
  /** Number of nodes (levels over all terms). */
  readonly nodes: number;
  /** Term index of every node. */
  readonly nodeTerm: Int32Array;
  /** Size (k of its term) of every node. */
  readonly nodeSize: Int32Array;
  /** First node of every term. */
  readonly termStart: Int32Array;
  /** Offset of every node in the stacked vector of random effects (length q). */
  readonly nodeIndex: Int32Array;
  readonly q: number;
  /** Column pattern: rows of column b are patRow[patStart[b] .. patStart[b+1]) (ascending, excluding b). */
  readonly patStart: Int32Array;
  readonly patRow: Int32Array;
  /** Storage offset of the block (patRow[e], b) for each pattern entry e. */
  readonly patOff: Int32Array;
  /** Storage offset of the diagonal block of each column. */
  readonly diagOff: Int32Array;
  /** Storage offset of the [X y] block ((p+1) × k_b) of each column. */
  readonly xyOff: Int32Array;
  /**
   * For each column b, offsets of the target blocks of the rank update, pairs (i ≥ j) of its pattern.
   * A negative entry −1 − (r·tailDim + c) is a target in the dense tail at scalar row r, column c.
   */
  readonly pairStart: Int32Array;
  readonly pairOff: Int32Array;
  /** Elimination-tree parent of every node (−1 for a root). */
  readonly parent: Int32Array;
  /** Total length of the block storage. */
  readonly size: number;
  /** p + 1: fixed-effect columns plus the response. */
  readonly xyDim: number;
  /** First node of the dense tail (= nodes when there is none); nodes from here have no blocks in `size`. */
  readonly tailNode: number;
  /** Offset of the tail in the vector of random effects (nodeIndex[tailNode], or q). */
  readonly tailIndex: number;
  /** Scalar dimension of the dense tail, q − tailIndex. */
  readonly tailDim: number;
}

/**
 * Where the dense tail starts: "auto" (by estimated cost), "none" (all sparse block columns), or the
 * last `lastTerms` random-effects terms (for tests comparing the two paths).
 */
export type TailChoice = "auto" | "none" | { readonly lastTerms: number };

/** Largest dense tail kept (two tailDim² arrays): beyond it the sparse block columns are used. */
const MAX_TAIL = 6000;

/**
 * The first node of the dense tail: the split minimising the estimated work of one factorization,
 * sparse block updates (with their indexing overhead) before it and a dense Cholesky from it on.
 */
function chooseTail(
  patterns: readonly Int32Array[],
  nodeSize: Int32Array,
  nodeIndex: Int32Array,
  q: number,
): number {
  const N = patterns.length;
  // Work per scalar multiply-add: a block update in the sparse columns costs several times a dense one.
  const SPARSE = 6;
  const BLOCK = 12;
  let sparse = 0;
  let best = N;
  let bestCost = 0;
  for (let f = N - 1; f >= 0; f--) {
    const pat = patterns[f] as Int32Array;
    const kb = nodeSize[f] as number;
    let width = 0;
    for (let e = 0; e < pat.length; e++) width += nodeSize[pat[e] as number] as number;
    sparse += SPARSE * ((width * (width + 1)) / 2) * kb + BLOCK * ((pat.length * (pat.length + 1)) / 2 + 1);
    const dim = q - (nodeIndex[f] as number);
    if (dim > MAX_TAIL) break;
    const dense = (dim * dim * dim) / 6 + dim * dim;
    if (dense - sparse < bestCost) {
      bestCost = dense - sparse;
      best = f;
    }
  }
  return best;
}

/**
 * Symbolic analysis: the pattern of the block Cholesky factor (with fill) and the storage layout.
 * `tail` defaults to "none" (every node a sparse block column, the layout callers that walk the
 * blocks themselves expect); PlsModel asks for "auto".
 *
 * @example
 * const s = analyzeStructure(terms, n, p);
 * s.nodes; // total number of levels over all random-effects terms
 */
export function analyzeStructure(
  terms: readonly RandomTermDesign[],
  n: number,
  p: number,
  tail: TailChoice = "none",
): BlockStructure {
  const K = terms.length;
  const termStart = new Int32Array(K + 1);
  for (let j = 0; j < K; j++)
    termStart[j + 1] = (termStart[j] as number) + (terms[j] as RandomTermDesign).levels.length;
  const N = termStart[K] as number;
  // One loop nest per function: V8 compiles a hot loop of a function called once by on-stack
  // replacement of the whole function, so a long function was compiled once per loop (four times
  // here, the largest compile job of a nested fit's set-up).
  const { nodeTerm, nodeSize, nodeIndex, q } = nodeLayout(terms, termStart, N);
  const { edgeStart, edges } = adjacency(terms, termStart, n, N);
  const { patterns, parent } = symbolicPatterns(N, edgeStart, edges);
  const F =
    tail === "auto"
      ? chooseTail(patterns, nodeSize, nodeIndex, q)
      : tail === "none"
        ? N
        : (termStart[Math.max(0, K - tail.lastTerms)] as number);
  const tailIndex = F < N ? (nodeIndex[F] as number) : q;
  const tailDim = q - tailIndex;

  const xyDim = p + 1;
  const { patStart, patRow, patOff, diagOff, xyOff, size } = layout(patterns, nodeSize, N, F, xyDim);
  const { pairStart, pairOff } = rankTargets(
    patterns,
    nodeIndex,
    N,
    F,
    tailIndex,
    tailDim,
    patStart,
    patRow,
    patOff,
    diagOff,
  );

  return {
    nodes: N,
    nodeTerm,
    nodeSize,
    termStart,
    nodeIndex,
    q,
    patStart,
    patRow,
    patOff,
    diagOff,
    xyOff,
    pairStart,
    pairOff,
    parent,
    size,
    xyDim,
    tailNode: F,
    tailIndex,
    tailDim,
  };
}

/** Term, size and offset in the random-effects vector of every node; q the vector's length. */
function nodeLayout(
  terms: readonly RandomTermDesign[],
  termStart: Int32Array,
  N: number,
): { nodeTerm: Int32Array; nodeSize: Int32Array; nodeIndex: Int32Array; q: number } {
  const nodeTerm = new Int32Array(N);
  const nodeSize = new Int32Array(N);
  const nodeIndex = new Int32Array(N);
  let q = 0;
  for (let j = 0; j < terms.length; j++) {
    const k = (terms[j] as RandomTermDesign).names.length;
    for (let b = termStart[j] as number; b < (termStart[j + 1] as number); b++) {
      nodeTerm[b] = j;
      nodeSize[b] = k;
      nodeIndex[b] = q;
      q += k;
    }
  }
  return { nodeTerm, nodeSize, nodeIndex, q };
}

/** Each node b's later neighbours a (nodes sharing a row with b), with repeats, in flat CSR arrays. */
function adjacency(
  terms: readonly RandomTermDesign[],
  termStart: Int32Array,
  n: number,
  N: number,
): { edgeStart: Int32Array; edges: Int32Array } {
  const K = terms.length;
  // Adjacency: node a > b co-occur in some row. Kept as each b's list of such a (with repeats) in flat
  // arrays rather than a Set per node — ten thousand Sets fed a hundred thousand rows were a visible
  // share of a large fit's setup; the repeats are squeezed out below with `mark`. A row whose levels
  // equal the previous row's adds only repeats, so only the rows that change a level are walked
  // (sorted data: one row per patient instead of one per session).
  const codes = terms.map((t) => t.codes);
  const changed = new Int32Array(n);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    let same = i > 0;
    for (let j = 0; j < K && same; j++) {
      const c = codes[j] as Int32Array;
      if (c[i] !== c[i - 1]) same = false;
    }
    if (!same) changed[distinct++] = i;
  }
  const rowNodes = new Int32Array(K);
  const edgeStart = new Int32Array(N + 1);
  const eachPair = (visit: (a: number, b: number) => void) => {
    for (let r = 0; r < distinct; r++) {
      const i = changed[r] as number;
      for (let j = 0; j < K; j++)
        rowNodes[j] = (termStart[j] as number) + ((codes[j] as Int32Array)[i] as number);
      for (let j2 = 0; j2 < K; j2++) {
        for (let j1 = j2 + 1; j1 < K; j1++) {
          const a = rowNodes[j1] as number;
          const b = rowNodes[j2] as number;
          if (a > b) visit(a, b);
          else if (b > a) visit(b, a);
        }
      }
    }
  };
  eachPair((_, b) => (edgeStart[b + 1] = (edgeStart[b + 1] as number) + 1));
  for (let b = 0; b < N; b++) edgeStart[b + 1] = (edgeStart[b + 1] as number) + (edgeStart[b] as number);
  const edgeFill = edgeStart.slice(0, N);
  const edges = new Int32Array(edgeStart[N] as number);
  eachPair((a, b) => {
    const at = edgeFill[b] as number;
    edges[at] = a;
    edgeFill[b] = at + 1;
  });

  return { edgeStart, edges };
}

/** The pattern of every column of the factor (ascending, without b) and the elimination tree. */
function symbolicPatterns(
  N: number,
  edgeStart: Int32Array,
  edges: Int32Array,
): { patterns: Int32Array[]; parent: Int32Array } {
  // Symbolic Cholesky: pattern(b) = adj(b) ∪ patterns of its elimination-tree children minus b.
  const parent = new Int32Array(N).fill(-1);
  const children: number[][] = Array.from({ length: N }, () => []);
  const patterns: Int32Array[] = new Array<Int32Array>(N);
  const mark = new Int32Array(N).fill(-1);
  for (let b = 0; b < N; b++) {
    const list: number[] = [];
    for (let e = edgeStart[b] as number; e < (edgeStart[b + 1] as number); e++) {
      const a = edges[e] as number;
      if (mark[a] !== b) {
        mark[a] = b;
        list.push(a);
      }
    }
    for (const c of children[b] as number[]) {
      for (const a of patterns[c] as Int32Array) {
        if (a !== b && mark[a] !== b) {
          mark[a] = b;
          list.push(a);
        }
      }
    }
    const pat = Int32Array.from(list).sort();
    patterns[b] = pat;
    if (pat.length > 0) {
      parent[b] = pat[0] as number;
      (children[pat[0] as number] as number[]).push(b);
    }
  }

  return { patterns, parent };
}

/** Storage offsets of the sparse columns' blocks (diagonal, pattern, [X y]) in one array. */
function layout(
  patterns: readonly Int32Array[],
  nodeSize: Int32Array,
  N: number,
  F: number,
  xyDim: number,
): {
  patStart: Int32Array;
  patRow: Int32Array;
  patOff: Int32Array;
  diagOff: Int32Array;
  xyOff: Int32Array;
  size: number;
} {
  // Storage layout: blocks of the sparse columns only (a tail column's pattern is not stored).
  const patStart = new Int32Array(N + 1);
  for (let b = 0; b < N; b++)
    patStart[b + 1] = (patStart[b] as number) + (b < F ? (patterns[b] as Int32Array).length : 0);
  const nnzBlocks = patStart[N] as number;
  const patRow = new Int32Array(nnzBlocks);
  const patOff = new Int32Array(nnzBlocks);
  const diagOff = new Int32Array(N).fill(-1);
  const xyOff = new Int32Array(N).fill(-1);
  let off = 0;
  for (let b = 0; b < F; b++) {
    const kb = nodeSize[b] as number;
    diagOff[b] = off;
    off += kb * kb;
    const pat = patterns[b] as Int32Array;
    for (let e = 0; e < pat.length; e++) {
      const a = pat[e] as number;
      const idx = (patStart[b] as number) + e;
      patRow[idx] = a;
      patOff[idx] = off;
      off += (nodeSize[a] as number) * kb;
    }
    xyOff[b] = off;
    off += xyDim * kb;
  }

  return { patStart, patRow, patOff, diagOff, xyOff, size: off };
}

/** For every sparse column, the targets of its rank update (see BlockStructure.pairOff). */
function rankTargets(
  patterns: readonly Int32Array[],
  nodeIndex: Int32Array,
  N: number,
  F: number,
  tailIndex: number,
  tailDim: number,
  patStart: Int32Array,
  patRow: Int32Array,
  patOff: Int32Array,
  diagOff: Int32Array,
): { pairStart: Int32Array; pairOff: Int32Array } {
  // Rank-update targets: block (P_i, P_j) lives in column P_j, or in the dense tail.
  const pairStart = new Int32Array(N + 1);
  for (let b = 0; b < N; b++) {
    const m = b < F ? (patterns[b] as Int32Array).length : 0;
    pairStart[b + 1] = (pairStart[b] as number) + (m * (m + 1)) / 2;
  }
  const pairOff = new Int32Array(pairStart[N] as number);
  for (let b = 0; b < F; b++) {
    const pat = patterns[b] as Int32Array;
    let t = pairStart[b] as number;
    for (let i = 0; i < pat.length; i++) {
      const pi = pat[i] as number;
      for (let j = 0; j <= i; j++) {
        const pj = pat[j] as number;
        if (pj >= F) {
          pairOff[t++] =
            -1 - (((nodeIndex[pi] as number) - tailIndex) * tailDim + (nodeIndex[pj] as number) - tailIndex);
          continue;
        }
        const o = pi === pj ? (diagOff[pj] as number) : blockOffset(patRow, patOff, patStart, pj, pi);
        if (o < 0) throw new Error("internal: block pattern is not closed under elimination");
        pairOff[t++] = o;
      }
    }
  }

  return { pairStart, pairOff };
}

/**
 * Offset of block (a, b) in column b's storage: a binary search in b's pattern (ascending), −1 when a
 * is not in it.
 */
function blockOffset(
  patRow: Int32Array,
  patOff: Int32Array,
  patStart: Int32Array,
  b: number,
  a: number,
): number {
  let lo = patStart[b] as number;
  let hi = patStart[b + 1] as number;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((patRow[mid] as number) < a) lo = mid + 1;
    else hi = mid;
  }
  return lo < (patStart[b + 1] as number) && patRow[lo] === a ? (patOff[lo] as number) : -1;
}
