// Spreadsheet formula injection (docs/VERIFICATION.md, "What is rejected"). A cell that starts with = + - @, a tab
// or a carriage return is run as a formula by Excel and LibreOffice when the register is opened (=HYPERLINK(…)
// can send data away). Free-text cells are kept, prefixed with an apostrophe so that spreadsheets show them as
// text; coded cells (values, dates, URLs) never start that way and are rejected by their own checks.

const FORMULA_LEAD = /^[=+\-@\t\r]/;

export function looksLikeFormula(value: string): boolean {
  return FORMULA_LEAD.test(value);
}

/** The value made safe to open in a spreadsheet: unchanged unless it could start a formula. */
export function neutraliseFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
