/**
 * CSV as spreadsheet programs write it (RFC 4180): comma-separated fields, fields in double quotes may hold
 * commas, quotes (doubled) and line breaks; lines end in CRLF, LF or CR; a byte-order mark is dropped.
 * Blanks (spaces, tabs) around a field are trimmed, blanks inside quotes kept; empty lines are skipped.
 *
 * Written here rather than taken from csv-parse, which it replaced: on a 100,000-row import csv-parse took
 * 0.7–1.2 s, about a tenth of the whole import, where this scan by `indexOf` and char codes takes a fraction
 * of that (docs/benchmarks.md, import). The unit tests hold it to csv-parse's results on generated files.
 */

export interface CsvRecord {
  /** The 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const BOM = 0xfeff;

const isBlank = (code: number) => code === SPACE || code === TAB;

/**
 * Every record of `input`, in order, each with the line it starts on; or, when there are more than
 * `maxRecords`, the first `maxRecords + 1` (the scan stops there, so a caller refusing a file that large
 * never holds all of it).
 */
export function parseCsv(input: string, maxRecords = Infinity): CsvRecord[] {
  return new CsvScanner(input).records(maxRecords);
}

class CsvScanner {
  private readonly text: string;
  private pos: number;
  private line = 1;

  constructor(input: string) {
    this.text = input;
    this.pos = input.charCodeAt(0) === BOM ? 1 : 0;
  }

  records(maxRecords: number): CsvRecord[] {
    const records: CsvRecord[] = [];
    while (this.pos < this.text.length && records.length <= maxRecords) {
      const line = this.line;
      const { fields, quoted } = this.record();
      // A line with nothing on it (or blanks only) is no record.
      if (fields.length === 1 && fields[0] === '' && !quoted) continue;
      records.push({ line, fields });
    }
    return records;
  }

  /** One record, up to and including its line break. */
  private record(): { fields: string[]; quoted: boolean } {
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      this.skipBlanks();
      if (this.text.charCodeAt(this.pos) === QUOTE) {
        quoted = true;
        fields.push(this.quotedField(fields.length + 1));
      } else {
        fields.push(this.plainField(fields.length + 1));
      }
      const code = this.text.charCodeAt(this.pos);
      if (code === COMMA) {
        this.pos++;
        continue;
      }
      this.endOfLine();
      return { fields, quoted };
    }
  }

  private quotedField(field: number): string {
    const opened = this.line;
    let value = '';
    let from = this.pos + 1;
    for (;;) {
      const close = this.text.indexOf('"', from);
      if (close === -1) {
        throw new CsvSyntaxError(`Line ${opened}: the quoted field ${field} is never closed.`);
      }
      const part = this.text.slice(from, close);
      this.line += lineBreaks(part);
      value += part;
      if (this.text.charCodeAt(close + 1) === QUOTE) {
        value += '"';
        from = close + 2;
        continue;
      }
      this.pos = close + 1;
      break;
    }
    this.skipBlanks();
    const next = this.text.charCodeAt(this.pos);
    if (!(next === COMMA || next === CR || next === LF || this.pos >= this.text.length)) {
      throw new CsvSyntaxError(
        `Line ${this.line}: field ${field} has text after its closing quote (a quote inside a quoted field is written "").`,
      );
    }
    return value;
  }

  /** An unquoted field, blanks already skipped before it; trailing blanks are trimmed. */
  private plainField(field: number): string {
    const text = this.text;
    const start = this.pos;
    let end = start;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code === COMMA || code === CR || code === LF) break;
      if (code === QUOTE) {
        throw new CsvSyntaxError(
          `Line ${this.line}: field ${field} has a quote inside it; quote the whole field and double the quote ("").`,
        );
      }
    }
    this.pos = end;
    let last = end;
    while (last > start && isBlank(text.charCodeAt(last - 1))) last--;
    return text.slice(start, last);
  }

  private skipBlanks(): void {
    while (isBlank(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private endOfLine(): void {
    const code = this.text.charCodeAt(this.pos);
    if (code === CR) {
      this.pos += this.text.charCodeAt(this.pos + 1) === LF ? 2 : 1;
      this.line++;
    } else if (code === LF) {
      this.pos++;
      this.line++;
    }
  }
}

/** Line breaks in `text` (CRLF counts once), for the line numbers of records after a multi-line field. */
function lineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) count++;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
