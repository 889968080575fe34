import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { HierarchyErrors } from '@steerco/hierarchy-domain';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One spreadsheet row: header name → cell text, with the 1-based row number users see in their file. */
export interface RawRow {
  row: number;
  cells: Record<string, string>;
}

function normaliseHeader(header: string): string {
  return header.trim();
}

function fromCsv(buffer: Buffer): RawRow[] {
  let records: string[][];
  try {
    records = parse(buffer, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true });
  } catch (error) {
    throw HierarchyErrors.IMPORT_UNREADABLE(`The CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) return [];
  const names = header.map(normaliseHeader);
  return rows.map((values, index) => ({
    row: index + 2,
    cells: Object.fromEntries(names.map((name, i) => [name, values[i] ?? ''])),
  }));
}

async function fromXlsx(buffer: Buffer): Promise<RawRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw HierarchyErrors.IMPORT_UNREADABLE(`The XLSX file cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
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
  return rows;
}

/** Reads the rows of an uploaded CSV or XLSX file, chosen by the request's content type. */
export async function readRows(contentType: string | undefined, body: Buffer): Promise<RawRow[]> {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === CSV_TYPE) return fromCsv(body);
  if (type === XLSX_TYPE) return fromXlsx(body);
  throw HierarchyErrors.IMPORT_UNREADABLE(`Send the file as ${CSV_TYPE} or ${XLSX_TYPE}.`);
}
