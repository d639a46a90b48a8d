// Tests read the long table's columns they are about by name: the export's header is core's LONG_COLUMNS,
// which grows (site, each scored form), so a test does not spell the whole header.

/**
 * The given columns of a CSV text, in the given order, cells as written (test data hold no quoted commas);
 * a column the CSV lacks throws.
 *
 * @example
 * pickColumns("a,b,c\n1,2,3\n", ["c", "a"]); // "c,a\n3,1\n"
 */
export function pickColumns(csv: string, columns: readonly string[]): string {
  const [head, ...lines] = csv.replace(/\n$/, "").split("\n");
  const header = (head ?? "").split(",").map((h) => h.replace(/^"|"$/g, ""));
  const at = columns.map((c) => {
    const i = header.indexOf(c);
    if (i < 0) throw new Error(`the CSV has no column ${c} (header: ${header.join(",")})`);
    return i;
  });
  const rows = lines.map((l) => {
    const cells = l.split(",");
    return at.map((i) => cells[i] ?? "").join(",");
  });
  return [columns.join(","), ...rows].join("\n") + "\n";
}

/** The columns most export tests compare: keys, the imported scores and the session's and episode's facts. */
export const KEY_SCORE_FACT_COLUMNS: readonly string[] = [
  "therapist",
  "patient",
  "session",
  "condition",
  "alliance_patient",
  "alliance_therapist",
  "wellbeing",
  "modality",
  "end_reason",
];
