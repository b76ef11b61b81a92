// CSV for spreadsheets. Every cell is quoted, and a cell that a spreadsheet would read as a
// formula (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe, so
// a signer named "=HYPERLINK(...)" stays text (OWASP "CSV injection").

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
