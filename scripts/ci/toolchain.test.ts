// The tests that compare attune with R (the researcher pages' downloaded R scripts, `attune analyze`,
// study runs, core's R boundary) leave their lme4 comparison out on a machine without R, so that a
// contributor without R can still run the suite. In CI (CI=true, as .ci/run sets) that would hide a
// failed install behind passing tests: here it fails instead, naming what is missing.
import { spawnSync } from "node:child_process";
import { inCi } from "@attune/db/testing";
import { describe, expect, it } from "vitest";

// The same reading of CI as the PostgreSQL tests (@attune/db/testing).
const ci = inCi();

/** Whether `Rscript` runs and loads the named packages. */
function rWith(packages: readonly string[]): boolean {
  const load = packages.map((p) => `library(${p})`).join("; ");
  const r = spawnSync("Rscript", ["-e", `suppressPackageStartupMessages({${load}})`], { encoding: "utf8" });
  return r.status === 0;
}

describe("the R comparisons run in CI", () => {
  it("has Rscript with lme4, lmerTest and jsonlite wherever CI=true", () => {
    const present = rWith(["lme4", "lmerTest", "jsonlite"]);
    expect(
      present || !ci,
      "CI=true but Rscript with lme4, lmerTest and jsonlite is missing: .ci/run installs r-base-core r-cran-lme4 r-cran-lmertest r-cran-jsonlite (see /tmp/attune-ci-apt.log)",
    ).toBe(true);
  });
});
