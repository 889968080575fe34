import ExcelJS from 'exceljs';
import { AppError } from '@steerco/platform-errors';
import { CSV_TYPE, readRows, XLSX_TYPE } from './import-rows';
import type { ImportLimits } from './import-limits';

const limits = (maxRows: number, maxXlsxExpandedBytes = 16 * 1024 * 1024): ImportLimits => ({
  maxRows,
  maxXlsxExpandedBytes,
});

const csvOf = (rows: number) =>
  ['ref,level,title', ...Array.from({ length: rows }, (_, i) => `r${i},measure,Measure ${i}`)].join('\r\n');

async function xlsxOf(lines: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tree');
  for (const line of lines) sheet.addRow(line);
  workbook.addWorksheet('Notes').addRow(['not', 'imported']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The refusal `read` ended with, as the problem's code and status. */
async function refusal(read: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const error = await read.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, status: error.status, message: error.message };
}

describe('readRows', () => {
  describe('the row limit', () => {
    it('reads a CSV file of exactly the most rows one import takes, blank lines not counted', async () => {
      const sheet = await readRows(CSV_TYPE, Buffer.from(`${csvOf(5)}\r\n\r\n`), limits(5));
      expect(sheet.rows).toHaveLength(5);
      expect(sheet.rows[4]).toEqual({ row: 6, cells: { ref: 'r4', level: 'measure', title: 'Measure 4' } });
    });

    it('refuses a CSV file of one row more with 413, naming the limit', async () => {
      expect(await refusal(readRows(CSV_TYPE, Buffer.from(csvOf(6)), limits(5)))).toEqual({
        code: 'HIERARCHY.IMPORT_TOO_LARGE',
        status: 413,
        message: expect.stringContaining('more than 5 rows'),
      });
    });

    it('refuses an XLSX sheet of one row more with 413, and reads one at the limit', async () => {
      const header = ['ref', 'level', 'title'];
      const body = (n: number) => Array.from({ length: n }, (_, i) => [`r${i}`, 'measure', `Measure ${i}`]);
      expect((await readRows(XLSX_TYPE, await xlsxOf([header, ...body(5)]), limits(5))).rows).toHaveLength(5);
      expect(await refusal(readRows(XLSX_TYPE, await xlsxOf([header, ...body(6)]), limits(5)))).toEqual({
        code: 'HIERARCHY.IMPORT_TOO_LARGE',
        status: 413,
        message: expect.stringContaining('more than 5 rows'),
      });
    });
  });

  describe('XLSX workbooks', () => {
    it('reads the first sheet: header names, row numbers as users see them, cell text, empty rows skipped', async () => {
      const buffer = await xlsxOf([
        [' ref ', 'level', 'title', 'tags'],
        ['o1', 'organization', 'Acme, Inc.', ''],
        [],
        ['', '', '', ''],
        ['p1', 'portfolio', '  Cost 2027  ', 'cost;emea'],
        ['m1', 'measure', 42, ''],
      ]);
      const sheet = await readRows(XLSX_TYPE, buffer, limits(10));
      expect(sheet.columns).toEqual(['ref', 'level', 'title', 'tags']);
      expect(sheet.rows).toEqual([
        { row: 2, cells: { ref: 'o1', level: 'organization', title: 'Acme, Inc.', tags: '' } },
        { row: 5, cells: { ref: 'p1', level: 'portfolio', title: 'Cost 2027', tags: 'cost;emea' } },
        { row: 6, cells: { ref: 'm1', level: 'measure', title: '42', tags: '' } },
      ]);
    });

    it('refuses a workbook that unzips to more than the limit with 413', async () => {
      const buffer = await xlsxOf([
        ['ref', 'title'],
        ...Array.from({ length: 200 }, (_, i) => [`r${i}`, `${i} ${'x'.repeat(500)}`]),
      ]);
      expect(buffer.length).toBeLessThan(64 * 1024);
      expect(await refusal(readRows(XLSX_TYPE, buffer, limits(1000, 64 * 1024)))).toEqual({
        code: 'HIERARCHY.IMPORT_TOO_LARGE',
        status: 413,
        message: expect.stringContaining('unzips to more than 0.0625 MiB'),
      });
    });

    it('refuses a file that is no workbook as unreadable (400)', async () => {
      expect(await refusal(readRows(XLSX_TYPE, Buffer.from('not a workbook'), limits(10)))).toMatchObject({
        code: 'HIERARCHY.IMPORT_UNREADABLE',
        status: 400,
      });
    });
  });
});
