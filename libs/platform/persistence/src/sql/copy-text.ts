import { arrayLiteral } from './array-literal';

/**
 * Rows in PostgreSQL's COPY text format: tab-separated columns, `\N` for null, backslash escapes for the
 * characters the format reserves. Strings are sent as they are (jsonb columns get their JSON text), dates
 * as ISO timestamps, string arrays as array literals.
 */
export function copyText(rows: Iterable<readonly unknown[]>): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += '\t';
      out += copyValue(row[i]);
    }
    out += '\n';
  }
  return out;
}

const RESERVED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escape(text: string): string {
  // Most values hold none of these. Four indexOf scans find that about four times faster than a regular
  // expression's test, itself twice as fast as a replace that finds nothing (an import escapes 200 MB).
  const reserved =
    text.indexOf('\\') !== -1 ||
    text.indexOf('\t') !== -1 ||
    text.indexOf('\n') !== -1 ||
    text.indexOf('\r') !== -1;
  return reserved ? text.replace(RESERVED, (c) => ESCAPES[c] ?? c) : text;
}

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escape(arrayLiteral(value));
  if (typeof value === 'object') return escape(JSON.stringify(value));
  return escape(String(value));
}

/** Rows per piece of a streamed COPY: big enough to amortise a turn of the event loop, small enough to overlap. */
const PIECE_ROWS = 500;

/** COPY text of `rows` in pieces, each built when the COPY asks for it (the rows may be lazy too). */
export function* copyTextPieces(rows: Iterable<readonly unknown[]>): Generator<string> {
  let piece: (readonly unknown[])[] = [];
  for (const row of rows) {
    piece.push(row);
    if (piece.length === PIECE_ROWS) {
      yield copyText(piece);
      piece = [];
    }
  }
  if (piece.length > 0) yield copyText(piece);
}
