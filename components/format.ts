// Dates are formatted on the server in UTC with a fixed locale, so server and browser agree.
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
}

export function formatCount(n: number): string {
  return n.toLocaleString("en");
}
