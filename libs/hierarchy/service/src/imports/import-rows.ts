import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { AppError } from '@steerco/platform-errors';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv-records';
import { IMPORT_LIMITS, type ImportLimits } from './import-limits';
import { assertZipExpandsWithin, ZipStructureError, ZipTooLargeError } from './zip-expansion';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One spreadsheet row: header name → cell text, with the 1-based row number users see in their file. */
export interface RawRow {
  row: number;
  cells: Record<string, string>;
}

/** A file's rows and its column headers: every row has a cell (maybe empty) for each column. */
export interface SheetRows {
  columns: string[];
  rows: RawRow[];
}

function normaliseHeader(header: string): string {
  return header.trim();
}

function tooManyRows(limits: ImportLimits): Error {
  return HierarchyErrors.IMPORT_TOO_LARGE(
    `The file has more than ${limits.maxRows.toLocaleString('en')} rows, the most one import takes; import the tree in several files, branch by branch.`,
  );
}

function fromCsv(buffer: Buffer, limits: ImportLimits): SheetRows {
  let records: CsvRecord[];
  try {
    // The header and the rows, and one more to tell a file over the limit.
    records = parseCsv(buffer.toString('utf8'), limits.maxRows + 1);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw HierarchyErrors.IMPORT_UNREADABLE(`The CSV file cannot be read: ${error.message}`);
  }
  if (records.length > limits.maxRows + 1) throw tooManyRows(limits);
  const [header, ...rest] = records;
  if (!header) return { columns: [], rows: [] };
  const names = header.fields.map(normaliseHeader);
  const rows = rest.map(({ line, fields }) => {
    if (fields.length !== names.length) {
      throw HierarchyErrors.IMPORT_UNREADABLE(
        `The CSV file cannot be read: line ${line} has ${fields.length} fields, the header has ${names.length}.`,
      );
    }
    const cells: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) cells[names[i] as string] = fields[i] as string;
    return { row: line, cells };
  });
  return { columns: names, rows };
}

function unreadableXlsx(error: unknown): Error {
  return HierarchyErrors.IMPORT_UNREADABLE(`The XLSX file cannot be read: ${(error as Error).message}`);
}

/**
 * The first worksheet, row by row through ExcelJS's streaming reader: the whole workbook in ExcelJS's model
 * took about 4.5 KB per row, and reading stops at the first row over the limit. What the file unzips to is
 * bounded first, since the reader holds the shared strings and parks sheets stored before them on disk.
 */
async function fromXlsx(buffer: Buffer, limits: ImportLimits): Promise<SheetRows> {
  try {
    await assertZipExpandsWithin(buffer, limits.maxXlsxExpandedBytes);
  } catch (error) {
    if (error instanceof ZipTooLargeError) {
      throw HierarchyErrors.IMPORT_TOO_LARGE(
        `The XLSX file unzips to more than ${limits.maxXlsxExpandedBytes / 2 ** 20} MiB, more than one import takes; import the tree in several files, or as CSV.`,
      );
    }
    if (error instanceof ZipStructureError) throw unreadableXlsx(error);
    throw error;
  }
  const names: string[] = [];
  const rows: RawRow[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number === 1) {
          row.eachCell(
            { includeEmpty: true },
            (cell, column) => (names[column] = normaliseHeader(cell.text)),
          );
          continue;
        }
        const cells: Record<string, string> = {};
        names.forEach((name, column) => name && (cells[name] = row.getCell(column).text.trim()));
        if (!Object.values(cells).some((v) => v !== '')) continue;
        if (rows.length === limits.maxRows) throw tooManyRows(limits);
        rows.push({ row: row.number, cells });
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadableXlsx(error);
  }
  return { columns: names.filter(Boolean), rows };
}

/**
 * Reads the rows of an uploaded CSV or XLSX file, chosen by the request's content type; a file over
 * `limits` is refused (413) before it is read whole.
 */
export async function readRows(
  contentType: string | undefined,
  body: Buffer,
  limits: ImportLimits = IMPORT_LIMITS,
): Promise<SheetRows> {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === CSV_TYPE) return fromCsv(body, limits);
  if (type === XLSX_TYPE) return fromXlsx(body, limits);
  throw HierarchyErrors.IMPORT_UNREADABLE(`Send the file as ${CSV_TYPE} or ${XLSX_TYPE}.`);
}
