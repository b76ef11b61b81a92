// Reads back what a signing scenario stored, for compareExactness in stats.ts.
import Database from "better-sqlite3";

export function storedSignatures(file: string, petitionId: string): { signers: string[]; storedCount: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // One read transaction, so the rows and the count come from the same snapshot: a signature
    // still in flight when the load generator stopped may commit between two bare statements.
    return db.transaction(() => {
      const signers = db.prepare("SELECT userId FROM Signature WHERE petitionId = ?").pluck().all(petitionId) as string[];
      const storedCount = db.prepare("SELECT signatureCount FROM Petition WHERE id = ?").pluck().get(petitionId) as number;
      return { signers, storedCount };
    })();
  } finally {
    db.close();
  }
}
