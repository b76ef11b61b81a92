// A console.error during a test is a bug we have not looked at: fail the test.
import { afterEach, vi } from "vitest";

const errors: string[] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args.map(String).join(" "));
  original(...args);
};

afterEach(() => {
  if (errors.length > 0) {
    const seen = errors.splice(0);
    vi.restoreAllMocks();
    throw new Error(`console.error was called during the test:\n${seen.join("\n")}`);
  }
});
