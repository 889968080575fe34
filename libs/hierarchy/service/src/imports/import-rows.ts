import ExcelJS from 'exceljs';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv-records';

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

function fromCsv(buffer: Buffer): SheetRows {
  let records: CsvRecord[];
  try {
    records = parseCsv(buffer.toString('utf8'));
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw HierarchyErrors.IMPORT_UNREADABLE(`The CSV file cannot be read: ${error.message}`);
  }
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

async function fromXlsx(buffer: Buffer): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw HierarchyErrors.IMPORT_UNREADABLE(`The XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { columns: [], rows: [] };
  const names: string[] = [];
  sheet
    .getRow(1)
    .eachCell({ includeEmpty: true }, (cell, column) => (names[column] = normaliseHeader(cell.text)));
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: Record<string, string> = {};
    names.forEach((name, column) => name && (cells[name] = row.getCell(column).text.trim()));
    if (Object.values(cells).some((v) => v !== '')) rows.push({ row: number, cells });
  });
  return { columns: names.filter(Boolean), rows };
}

/** Reads the rows of an uploaded CSV or XLSX file, chosen by the request's content type. */
export async function readRows(contentType: string | undefined, body: Buffer): Promise<SheetRows> {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === CSV_TYPE) return fromCsv(body);
  if (type === XLSX_TYPE) return fromXlsx(body);
  throw HierarchyErrors.IMPORT_UNREADABLE(`Send the file as ${CSV_TYPE} or ${XLSX_TYPE}.`);
}
