// Runs the built `attune` command as a user would (npm test builds it first).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "packages/cli/bin/attune.js");
const GOLDEN = join(ROOT, "fixtures/golden");

function attune(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function csv(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "attune-cli-"));
  const file = join(dir, "data.csv");
  writeFileSync(file, text);
  return file;
}

describe("attune", () => {
  it("prints its version with --version (the one the server and backups record)", () => {
    const r = attune("--version");
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const server = readFileSync(join(ROOT, "packages/server/src/version.ts"), "utf8");
    expect(server).toContain(`"${r.stdout.trim()}"`);
  });
});

describe("attune fit", () => {
  it("fits a French-locale spreadsheet's CSV (';' and decimal commas) exactly as the same data written with commas", () => {
    const text = readFileSync(join(GOLDEN, "sleepstudy.csv"), "utf8");
    const french = text.replaceAll(",", ";").replace(/(\d)\.(\d)/g, "$1,$2");
    expect(french).toContain("249,56;0;");
    const formula = "Reaction ~ Days + (Days | Subject)";
    const a = attune("fit", "--data", join(GOLDEN, "sleepstudy.csv"), "--formula", formula, "--json");
    const b = attune("fit", "--data", csv(french), "--formula", formula, "--json");
    expect(b.stderr).toBe("");
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout).fixef).toEqual(JSON.parse(a.stdout).fixef);
  });

  it("prints the JSON contract for sleepstudy", () => {
    const r = attune(
      "fit",
      "--data",
      join(GOLDEN, "sleepstudy.csv"),
      "--formula",
      "Reaction ~ Days + (Days | Subject)",
      "--json",
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        "method",
        "nobs",
        "groups",
        "fixef",
        "varcorr",
        "sigma",
        "logLik",
        "deviance",
        "AIC",
        "BIC",
      ]),
    );
    expect(j.method).toBe("REML");
    expect(j.groups).toEqual({ Subject: 18 });
    expect(j.fixef[1].term).toBe("Days");
    expect(j.fixef[1].estimate).toBeCloseTo(10.467285959596, 6);
    expect(j.deviance).toBeLessThanOrEqual(1743.62827196 + 1e-6);
  });

  it("prints a readable lme4-style summary without --json", () => {
    const r = attune(
      "fit",
      "--data",
      join(GOLDEN, "dyestuff.csv"),
      "--formula",
      "Yield ~ 1 + (1 | Batch)",
      "--ml",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Linear mixed model fit by maximum likelihood");
    expect(r.stdout).toMatch(/Fixed effects:\n\s+Estimate Std\. Error\s+df t value Pr\(>\|t\|\)/);
    expect(r.stdout).toContain("Batch");
  });

  const bad: [string, string[], RegExp][] = [
    [
      "an unknown column",
      ["--data", join(GOLDEN, "sleepstudy.csv"), "--formula", "Reaction ~ Dayz + (1 | Subject)"],
      /unknown column "Dayz".*columns: Reaction, Days, Subject/,
    ],
    [
      "a non-numeric response",
      ["--data", csv("y,g\n1,a\nx,b\n3,a\n4,b\n"), "--formula", "y ~ 1 + (1 | g)"],
      /response "y" must be numeric.*row 2: "x"/,
    ],
    [
      "a grouping factor with one level",
      ["--data", csv("y,g\n1,a\n2,a\n3,a\n"), "--formula", "y ~ 1 + (1 | g)"],
      /grouping factor "g" has only 1 level \("a"\)/,
    ],
    [
      "a formula syntax error",
      ["--data", join(GOLDEN, "sleepstudy.csv"), "--formula", "Reaction ~ Days + (Days | Subject"],
      /formula: expected "\)" to close "\(" at position 19/,
    ],
    [
      "no rows after deletion",
      ["--data", csv("y,x,g\nNA,1,a\n2,NA,b\n"), "--formula", "y ~ x + (1 | g)"],
      /no rows left: every one of the 2 rows has a missing value/,
    ],
    [
      "a missing file",
      ["--data", "/nonexistent/file.csv", "--formula", "y ~ 1 + (1 | g)"],
      /data file not found: \/nonexistent\/file\.csv/,
    ],
    [
      "a ragged CSV row",
      ["--data", csv("y,g\n1,a\n2,b,3\n"), "--formula", "y ~ 1 + (1 | g)"],
      /Invalid Record Length.*line 3/i,
    ],
    [
      "no random-effects term",
      ["--data", join(GOLDEN, "sleepstudy.csv"), "--formula", "Reaction ~ Days"],
      /has no random-effects terms/,
    ],
  ];
  for (const [what, args, message] of bad) {
    it(`rejects ${what} with one clear line and exit code 1`, () => {
      const r = attune("fit", ...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    });
  }
});
