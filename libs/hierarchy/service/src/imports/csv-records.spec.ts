import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, parseCsv } from './csv-records';

const fieldsOf = (input: string) => parseCsv(input).map((r) => r.fields);

describe('parseCsv', () => {
  it('splits records and fields, with or without a final line break', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,,\n,,')).toEqual([
      ['a', '', ''],
      ['', '', ''],
    ]);
  });

  it('reads CRLF, LF and CR line ends alike, and drops a byte-order mark', () => {
    expect(fieldsOf('\uFEFFh1,h2\r\nx,y\ru,v\nw,z')).toEqual([
      ['h1', 'h2'],
      ['x', 'y'],
      ['u', 'v'],
      ['w', 'z'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quotes', () => {
    expect(fieldsOf('"a, b","say ""hi""","two\r\nlines",""\n')).toEqual([
      ['a, b', 'say "hi"', 'two\r\nlines', ''],
    ]);
  });

  it('trims blanks around fields, not inside quotes', () => {
    expect(fieldsOf('  a ,\tb\t, " c " ,d e\n')).toEqual([['a', 'b', ' c ', 'd e']]);
  });

  it('skips empty and blank lines, and numbers records by the line they start on', () => {
    const records = parseCsv('h1,h2\r\n\r\n  \r\nx,"multi\nline"\n\ny,z\n');
    expect(records).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 4, fields: ['x', 'multi\nline'] },
      { line: 7, fields: ['y', 'z'] },
    ]);
  });

  it('reads nothing from an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF\n\n')).toEqual([]);
  });

  it.each([
    ['a,"open\nstill open', 'Line 1: the quoted field 2 is never closed.'],
    ['a\nb,"x"y', 'Line 2: field 2 has text after its closing quote'],
    ['a\nb,c"d', 'Line 2: field 2 has a quote inside it'],
    ['"one\ntwo"x', 'Line 2: field 1 has text after its closing quote'],
  ])('refuses %j, naming the line and field', (input, message) => {
    expect(() => parseCsv(input)).toThrow(CsvSyntaxError);
    expect(() => parseCsv(input)).toThrow(message);
  });

  describe('against csv-parse on generated files', () => {
    /** A deterministic generator, so a failure can be replayed. */
    const random = (seed: number) => () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const ALPHABET = ['a', 'B', '7', ' ', '\t', ',', '"', '\n', '\r', '\r\n', 'é', '€', ';', '-'];

    const generate = (next: () => number) => {
      const records: string[][] = [];
      const width = 1 + Math.floor(next() * 5);
      for (let r = 0; r < 40; r++) {
        const record: string[] = [];
        for (let c = 0; c < width; c++) {
          let field = '';
          const length = Math.floor(next() * 8);
          for (let i = 0; i < length; i++) field += ALPHABET[Math.floor(next() * ALPHABET.length)];
          record.push(field);
        }
        // A record of one empty field is an empty line, which both skip.
        if (record.length === 1 && record[0] === '') record[0] = 'x';
        records.push(record);
      }
      return records;
    };
    /** Quotes what needs it (and some fields that do not), pads some fields with blanks outside the quotes. */
    const write = (records: string[][], next: () => number) => {
      const ends = ['\n', '\r\n', '\r'];
      return records
        .map((record) =>
          record
            .map((field) => {
              const needs = /[",\r\n]/.test(field) || /^[ \t]|[ \t]$/.test(field) || field === '';
              const body = needs || next() < 0.2 ? `"${field.replace(/"/g, '""')}"` : field;
              return next() < 0.3 ? ` ${body}\t` : body;
            })
            .join(','),
        )
        .join(ends[Math.floor(next() * ends.length)] as string);
    };

    it.each(Array.from({ length: 60 }, (_, i) => i + 1))('seed %i', (seed) => {
      const next = random(seed);
      const records = generate(next);
      const text = write(records, next);
      const expected = parse(text, {
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
      expect(fieldsOf(text)).toEqual(expected);
      expect(fieldsOf(text)).toEqual(records);
    });
  });
});
