// Reads the repository's golden CSV fixtures for the feedback tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Rows of fixtures/golden/<name> as objects of numbers (NA → NaN). */
export function readGoldenCsv(name: string): Record<string, number>[] {
  const path = fileURLToPath(new URL(`../../../../fixtures/golden/${name}`, import.meta.url));
  const [head, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  const names = (head as string).split(",").map((v) => v.trim().replace(/^"(.*)"$/, "$1"));
  return lines.map((l) => {
    const cells = l.split(",").map((v) => v.trim().replace(/^"(.*)"$/, "$1"));
    return Object.fromEntries(names.map((n, i) => [n, cells[i] === "NA" ? Number.NaN : Number(cells[i])]));
  });
}
