// A Playwright reporter that writes the failed tests, one per line with the first line of each
// error, to the file named by E2E_FAILURES_FILE. scripts/e2e.ts prints these lists after both
// databases' runs, so the end of a long CI log says which tests failed on which database
// (the list reporter's own summary scrolls away behind the second run).
import { writeFileSync } from "node:fs";
import type { Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class FailureListReporter implements Reporter {
  private readonly failures: string[] = [];

  onTestEnd(test: TestCase, result: TestResult) {
    if (test.outcome() !== "unexpected" || result.retry !== test.retries) return;
    const where = `${test.location.file.replace(`${process.cwd()}/`, "")}:${test.location.line}`;
    const firstLine = (result.error?.message ?? result.status).split("\n").find((line) => line.trim()) ?? result.status;
    // Strip the terminal colours Playwright puts in its messages.
    this.failures.push(`${where} › ${test.title}: ${firstLine.replace(/\u001b\[[0-9;]*m/g, "").trim()}`);
  }

  onEnd() {
    const file = process.env.E2E_FAILURES_FILE;
    if (file) writeFileSync(file, this.failures.map((line) => `${line}\n`).join(""));
  }
}
