// Reads an uploaded CSV file defensively (docs/VERIFICATION.md, "What is rejected"): bounded size and row count,
// strict UTF-8 (a file in GBK or UTF-16 is refused, not guessed), an optional BOM, RFC 4180 quoting. Each record
// keeps the 1-based line it starts on so that every reason can name it.

/** Larger files are refused before parsing: a county's answers are a few thousand rows of short text. */
export const MAX_ANSWER_FILE_BYTES = 16 * 1024 * 1024;
/** More rows than any county has cases (a million-row file is an attack or a mistake, not an answer). */
export const MAX_ANSWER_ROWS = 100_000;
/** A single cell longer than this is not an answer either. */
export const MAX_CELL_CHARS = 4_000;

export interface CsvRecord {
  /** 1-based line number of the record's first character in the file */
  line: number;
  cells: string[];
}

/** The file as a whole cannot be read: nothing in it is applied. */
export class AnswerFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'AnswerFileError';
  }
}

export function decodeUtf8Csv(file: string, bytes: Uint8Array): string {
  if (bytes.length > MAX_ANSWER_FILE_BYTES) {
    throw new AnswerFileError(file, `file is ${bytes.length} bytes, more than the ${MAX_ANSWER_FILE_BYTES} an answer file may have`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new AnswerFileError(file, 'file is UTF-16; save it as CSV UTF-8 (逗号分隔 UTF-8)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AnswerFileError(file, 'file is not UTF-8 (GBK or another encoding?); save it as CSV UTF-8 (逗号分隔 UTF-8)');
  }
  if (text.includes('\u0000')) throw new AnswerFileError(file, 'file holds NUL bytes: not a CSV text file');
  return text;
}

/** RFC 4180 records (comma, double quotes, CRLF or LF). Refuses an unterminated quote and more than maxRows data rows. */
export function parseCsvRecords(file: string, text: string, maxRows = MAX_ANSWER_ROWS): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    cell = '';
    // a blank line is not a record
    if (!(cells.length === 1 && cells[0] === '')) {
      records.push({ line: recordLine, cells });
      if (records.length > maxRows + 1) throw new AnswerFileError(file, `more than ${maxRows} rows; an answer file holds one row per case`);
    }
    cells = [];
    recordLine = line;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      line++;
      i++;
      endRecord();
    } else if (c === '\n') {
      line++;
      endRecord();
    } else cell += c;
    if (cell.length > MAX_CELL_CHARS) throw new AnswerFileError(file, `line ${recordLine}: a cell longer than ${MAX_CELL_CHARS} characters`);
    i++;
  }
  if (quoted) throw new AnswerFileError(file, `line ${recordLine}: a quoted cell is never closed`);
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
