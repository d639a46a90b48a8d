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
  /** For each column b, offsets of the target blocks of the rank update, pairs (i ≥ j) of its pattern. */
  readonly pairStart: Int32Array;
  readonly pairOff: Int32Array;
  /** Elimination-tree parent of every node (−1 for a root). */
  readonly parent: Int32Array;
  /** Total length of the block storage. */
  readonly size: number;
  /** p + 1: fixed-effect columns plus the response. */
  readonly xyDim: number;
}

/**
 * Symbolic analysis: the pattern of the block Cholesky factor (with fill) and the storage layout.
 *
 * @example
 * const s = analyzeStructure(terms, n, p);
 * s.nodes; // total number of levels over all random-effects terms
 */
export function analyzeStructure(terms: readonly RandomTermDesign[], n: number, p: number): BlockStructure {
  const K = terms.length;
  const termStart = new Int32Array(K + 1);
  for (let j = 0; j < K; j++)
    termStart[j + 1] = (termStart[j] as number) + (terms[j] as RandomTermDesign).levels.length;
  const N = termStart[K] as number;
  const nodeTerm = new Int32Array(N);
  const nodeSize = new Int32Array(N);
  const nodeIndex = new Int32Array(N);
  let q = 0;
  for (let j = 0; j < K; j++) {
    const k = (terms[j] as RandomTermDesign).names.length;
    for (let b = termStart[j] as number; b < (termStart[j + 1] as number); b++) {
      nodeTerm[b] = j;
      nodeSize[b] = k;
      nodeIndex[b] = q;
      q += k;
    }
  }

  // Adjacency: node a > b co-occur in some row.
  const adj: Set<number>[] = Array.from({ length: N }, () => new Set<number>());
  const rowNodes = new Int32Array(K);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < K; j++)
      rowNodes[j] = (termStart[j] as number) + ((terms[j] as RandomTermDesign).codes[i] as number);
    for (let j2 = 0; j2 < K; j2++) {
      for (let j1 = j2 + 1; j1 < K; j1++) {
        const a = rowNodes[j1] as number;
        const b = rowNodes[j2] as number;
        if (a > b) (adj[b] as Set<number>).add(a);
        else if (b > a) (adj[a] as Set<number>).add(b);
      }
    }
  }

  // Symbolic Cholesky: pattern(b) = adj(b) ∪ patterns of its elimination-tree children minus b.
  const parent = new Int32Array(N).fill(-1);
  const children: number[][] = Array.from({ length: N }, () => []);
  const patterns: Int32Array[] = new Array<Int32Array>(N);
  const mark = new Int32Array(N).fill(-1);
  for (let b = 0; b < N; b++) {
    const list: number[] = [];
    for (const a of adj[b] as Set<number>) {
      mark[a] = b;
      list.push(a);
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

  // Storage layout.
  const xyDim = p + 1;
  const patStart = new Int32Array(N + 1);
  for (let b = 0; b < N; b++) patStart[b + 1] = (patStart[b] as number) + (patterns[b] as Int32Array).length;
  const nnzBlocks = patStart[N] as number;
  const patRow = new Int32Array(nnzBlocks);
  const patOff = new Int32Array(nnzBlocks);
  const diagOff = new Int32Array(N);
  const xyOff = new Int32Array(N);
  const blockIndex: Map<number, number>[] = Array.from({ length: N }, () => new Map<number, number>());
  let off = 0;
  for (let b = 0; b < N; b++) {
    const kb = nodeSize[b] as number;
    diagOff[b] = off;
    (blockIndex[b] as Map<number, number>).set(b, off);
    off += kb * kb;
    const pat = patterns[b] as Int32Array;
    for (let e = 0; e < pat.length; e++) {
      const a = pat[e] as number;
      const idx = (patStart[b] as number) + e;
      patRow[idx] = a;
      patOff[idx] = off;
      (blockIndex[b] as Map<number, number>).set(a, off);
      off += (nodeSize[a] as number) * kb;
    }
    xyOff[b] = off;
    off += xyDim * kb;
  }

  // Rank-update targets: block (P_i, P_j) lives in column P_j.
  const pairStart = new Int32Array(N + 1);
  for (let b = 0; b < N; b++) {
    const m = (patterns[b] as Int32Array).length;
    pairStart[b + 1] = (pairStart[b] as number) + (m * (m + 1)) / 2;
  }
  const pairOff = new Int32Array(pairStart[N] as number);
  for (let b = 0; b < N; b++) {
    const pat = patterns[b] as Int32Array;
    let t = pairStart[b] as number;
    for (let i = 0; i < pat.length; i++) {
      for (let j = 0; j <= i; j++) {
        const o = (blockIndex[pat[j] as number] as Map<number, number>).get(pat[i] as number);
        if (o === undefined) throw new Error("internal: block pattern is not closed under elimination");
        pairOff[t++] = o;
      }
    }
  }

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
    size: off,
    xyDim,
  };
}
