// Runs the built `attune instruments` command as a user would (npm test builds it first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "attune-instr-")), name);
  writeFileSync(file, text);
  return file;
}

describe("attune instruments", () => {
  it("lists every instrument with its licence", () => {
    const r = attune("instruments", "list", "--json");
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; textShipped: boolean }[];
    expect(rows.find((x) => x.id === "wai-sr")?.textShipped).toBe(false);
    expect(attune("instruments", "list").stdout).toContain("core-10");
  });

  it("imports licensed wording into a shell, and refuses a file that does not match", () => {
    const template = attune("instruments", "template", "wai-sr");
    expect(template.code).toBe(0);
    const file = JSON.parse(template.stdout) as {
      items: { linkId: string; text: string }[];
      answerOptions: Record<string, { value: number; display: string }[]>;
    };
    file.items.forEach((it, i) => (it.text = `Placeholder ${i + 1}`));
    for (const o of file.answerOptions.frequency ?? []) o.display = `L${o.value}`;
    const good = tmp("wai.json", JSON.stringify(file));
    const out = join(mkdtempSync(join(tmpdir(), "attune-instr-")), "q.json");
    const r = attune("instruments", "import", good, "--out", out);
    expect(r.stderr).toContain("wrote wai-sr (en)");
    expect(r.code).toBe(0);
    const q = JSON.parse(readFileSync(out, "utf8"));
    expect(q.item.find((i: { linkId: string }) => i.linkId === "wai-sr-12").text).toBe("Placeholder 12");

    file.items.pop();
    const bad = attune("instruments", "import", tmp("bad.json", JSON.stringify(file)));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'does not match the wai-sr shell:\n  - item "wai-sr-12" of wai-sr has no text in the file',
    );
  });

  it("scores answers and CSV files through the core scoring path", () => {
    const one = attune(
      "instruments",
      "score",
      "who-5",
      "--answers",
      '{"who5-1":5,"who5-2":4,"who5-3":3,"who5-4":2,"who5-5":1}',
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ total: 15, percentOfMax: 60 });

    const csv = tmp(
      "wai.csv",
      "patient,wai-sr-1,wai-sr-2,wai-sr-3,wai-sr-4,wai-sr-5,wai-sr-6,wai-sr-7,wai-sr-8,wai-sr-9,wai-sr-10,wai-sr-11,wai-sr-12\np1,1,2,3,4,5,1,2,3,4,5,1,2\np2,5,5,NA,5,5,5,5,5,5,5,5,5\n",
    );
    const r = attune("instruments", "score", "wai-sr", "--data", csv);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "patient,total,total_pct,goal,goal_pct,task,task_pct,bond,bond_pct,prorated,reasons",
    );
    expect(lines[1]).toBe("p1,33,43.75,9,31.25,10,37.5,14,62.5,0,");
    expect(lines[2]?.startsWith("p2,60,100,20,100,20,100,20,100,1,")).toBe(true);

    const bad = attune(
      "instruments",
      "score",
      "wai-sr",
      "--data",
      tmp("bad.csv", "wai-sr-1,wai-sr-2\n3,7\n"),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'row 2, column "wai-sr-2": answer 7 to "wai-sr-2" is not one of 1, 2, 3, 4, 5',
    );
  });

  it("names unknown instruments", () => {
    const r = attune("instruments", "show", "phq9");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^attune: unknown instrument "phq9"; known: phq-9, /);
  });
});
