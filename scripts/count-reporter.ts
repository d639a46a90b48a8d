// Prints the plain closing line `N passed, N failed` that CI reads (vitest's own summary is not read).
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export default class CountReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    let passed = 0;
    let failed = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed++;
      }
      // A module that failed to load counts as one failure, so a broken import cannot pass silently.
      if (mod.state() === "failed" && [...mod.children.allTests()].length === 0) failed++;
    }
    // An unhandled error fails the run (vitest exits 1), so it counts as a failure here too.
    failed += unhandledErrors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  }
}
