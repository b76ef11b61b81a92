// Reading a SQLite WAL file as an adversary would: its commits, in order.

/**
 * Splits a WAL file into its commits, in order: each is the list of page images its frames wrote.
 * Frames whose salt is not the header's belong to an earlier generation of the file and are skipped.
 */
export function walCommits(wal: Buffer): Buffer[][] {
  const pageSize = wal.readUInt32BE(8);
  const salt = wal.subarray(16, 24);
  const commits: Buffer[][] = [];
  let current: Buffer[] = [];
  for (let o = 32; o + 24 + pageSize <= wal.length; o += 24 + pageSize) {
    if (!wal.subarray(o + 8, o + 16).equals(salt)) break;
    current.push(wal.subarray(o + 24, o + 24 + pageSize));
    if (wal.readUInt32BE(o + 4) !== 0) {
      commits.push(current);
      current = [];
    }
  }
  return commits;
}
