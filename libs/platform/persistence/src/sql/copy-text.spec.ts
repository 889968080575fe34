import { copyText } from './copy-text';

describe('copyText (COPY text format)', () => {
  it('separates columns by tabs and rows by newlines, with \\N for null', () => {
    expect(
      copyText([
        ['a', 1, null, true],
        ['b', 2.5, undefined, false],
      ]),
    ).toBe('a\t1\t\\N\ttrue\nb\t2.5\t\\N\tfalse\n');
  });

  it('escapes the characters COPY reserves', () => {
    expect(copyText([['tab\there', 'line\nbreak\r', 'back\\slash']])).toBe(
      'tab\\there\tline\\nbreak\\r\tback\\\\slash\n',
    );
  });

  it('writes dates as ISO timestamps and arrays as quoted array literals', () => {
    expect(copyText([[new Date('2026-11-26T12:00:00.000Z'), ['x', 'y z', 'q"uote', 'b\\s', '{}']]])).toBe(
      '2026-11-26T12:00:00.000Z\t{"x","y z","q\\\\"uote","b\\\\\\\\s","{}"}\n',
    );
  });

  it('writes objects as JSON text', () => {
    expect(copyText([[{ a: 'tab\t' }]])).toBe('{"a":"tab\\\\t"}\n');
  });
});
