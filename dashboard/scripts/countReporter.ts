import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `dashboard: N passed, N failed[, N skipped]`, which the
 * project's CI reads as the count of tests run (Vitest's own summary is not a format it reads).
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && module.children.size === 0) failed++; // a file that did not even load
    }
    process.stdout.write(`dashboard: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
