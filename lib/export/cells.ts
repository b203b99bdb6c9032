/*
 * Spreadsheet cells (docs/security-inputs.md): every text cell of every export, CSV and XLSX
 * alike, goes through `neutraliseFormula`, so a name, a motivation or a note typed by anyone is
 * never read as a formula by Excel or LibreOffice (CSV/formula injection).
 */

/**
 * A text a spreadsheet could read as a formula is prefixed with an apostrophe: one starting with
 * = + - @ (also after leading spaces, and their full-width forms ＝ ＋ － ＠), or with a tab, a
 * carriage return or a line feed. Anything else is returned as is.
 */
export function neutraliseFormula(s: string): string {
  return /^[\t\r\n]|^[\s\u00A0]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(s) ? `'${s}` : s;
}

/** A cell of a table: texts neutralised, numbers kept as numbers (counts of the totals). */
export function safeCell<T extends string | number | null | undefined>(v: T): T {
  return (typeof v === "string" ? neutraliseFormula(v) : v) as T;
}
