// Command-line options of `npm run bench`.
export type BenchOptions = {
  /** Every scenario, briefly: CI runs this so the benchmark never rots. */
  quick: boolean;
  db: "sqlite" | "postgres";
  /** Use an existing production build in this dist directory instead of building. */
  reuseBuild: string | null;
  /** Only these scenario groups (default: all). */
  only: Set<string> | null;
  out: string;
};

const GROUPS = ["reading", "signing", "mix", "live", "baseline", "scale", "policy"];

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, db: "sqlite", reuseBuild: null, only: null, out: "bench-results/latest.json" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value.`);
      return v;
    };
    if (arg === "--quick") options.quick = true;
    else if (arg === "--db") {
      const db = value();
      if (db !== "sqlite" && db !== "postgres") throw new Error(`--db must be sqlite or postgres, not "${db}".`);
      options.db = db;
    } else if (arg === "--reuse-build") options.reuseBuild = value();
    else if (arg === "--out") options.out = value();
    else if (arg === "--only") {
      const groups = value().split(",").map((s) => s.trim()).filter(Boolean);
      const unknown = groups.filter((g) => !GROUPS.includes(g));
      if (unknown.length) throw new Error(`--only takes ${GROUPS.join(", ")}; unknown: ${unknown.join(", ")}.`);
      options.only = new Set(groups);
    } else throw new Error(`Unknown option ${arg}. Options: --quick, --db sqlite|postgres, --reuse-build DIR, --only ${GROUPS.join(",")}, --out FILE.`);
  }
  return options;
}
