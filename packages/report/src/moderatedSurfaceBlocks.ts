import type { ModeratedSurface } from "@attune/core";
import { fmt, fmtP } from "./format.ts";
import type { Block } from "./model.ts";
import { modelBlocks } from "./modelBlocks.ts";

const KEYS = ["a1", "a2", "a3", "a4", "a5"] as const;

/**
 * Report blocks of the arm-moderated response surface: the model, then a1..a5 in each arm and the arm
 * difference with delta-method SEs and z tests.
 *
 * @example
 * moderatedSurfaceBlocks(result.moderated); // [text, formula, tables..., table of a1..a5 by arm]
 */
export function moderatedSurfaceBlocks(m: ModeratedSurface | null): Block[] {
  if (!m) return [];
  const columns = [
    ...Object.entries(m.byArm).map(([arm, s]) => [`condition ${arm}`, s] as const),
    ...(m.difference ? [[`difference ${m.difference.contrast}`, m.difference] as const] : []),
  ];
  return [
    {
      kind: "text",
      text: "Does the surface differ by arm? Model rsa_moderated lets the arm interact with every polynomial term in one fit (same centre), so each arm's a1..a5 and their differences are tested directly: compare arms by the difference row, not by which arm's parameter is significant.",
    },
    ...modelBlocks(m.model),
    {
      kind: "table",
      table: {
        caption: "Response-surface parameters by arm and their difference (rsa_moderated)",
        head: ["parameter", "arm", "estimate", "SE", "z", "p"],
        rows: KEYS.flatMap((k) =>
          columns.map(([label, s]) => {
            const a = s[k];
            return [k, label, fmt(a.estimate), fmt(a.se), fmt(a.z, 2), fmtP(a.p)];
          }),
        ),
      },
    },
  ];
}
