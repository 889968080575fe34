import { deflateRawSync } from 'node:zlib';
import { assertZipExpandsWithin, ZipStructureError, ZipTooLargeError } from './zip-expansion';

interface TestEntry {
  name: string;
  content: Buffer;
  stored?: boolean;
  /** The uncompressed size the headers claim; the true one when absent. */
  claimedSize?: number;
}

/**
 * The fields a local header and a central directory entry share, laid out alike from "version needed to
 * extract" on (`at`): at 4 in a local header, at 6 in a central entry (after "version made by").
 */
function writeEntryFields(
  header: Buffer,
  at: number,
  fields: { method: number; compressed: number; size: number; nameLength: number },
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(fields.method, at + 4);
  header.writeUInt32LE(fields.compressed, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(fields.nameLength, at + 22);
}

/** A zip file as the format describes it: local headers and data, the central directory, its end record. */
function zipOf(entries: TestEntry[]): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = entry.stored ? entry.content : deflateRawSync(entry.content);
    const size = entry.claimedSize ?? entry.content.length;
    const fields = { method: entry.stored ? 0 : 8, compressed: data.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    writeEntryFields(central, 6, fields);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}

const KB = 1024;

describe('assertZipExpandsWithin', () => {
  it('accepts a file whose entries unzip to no more than the limit, stored and deflated alike', async () => {
    const zip = zipOf([
      { name: 'a.xml', content: Buffer.alloc(40 * KB, 'a') },
      { name: 'b.bin', content: Buffer.alloc(24 * KB, 'b'), stored: true },
    ]);
    await expect(assertZipExpandsWithin(zip, 64 * KB)).resolves.toBeUndefined();
  });

  it('refuses a file that unzips to more than the limit, counting every entry', async () => {
    const zip = zipOf([
      { name: 'a.xml', content: Buffer.alloc(40 * KB, 'a') },
      { name: 'b.xml', content: Buffer.alloc(25 * KB, 'b') },
    ]);
    await expect(assertZipExpandsWithin(zip, 64 * KB)).rejects.toThrow(ZipTooLargeError);
  });

  it('does not believe the sizes a file declares: a bomb claiming 10 bytes is refused', async () => {
    const bomb = zipOf([
      { name: 'xl/sharedStrings.xml', content: Buffer.alloc(8 * 1024 * KB), claimedSize: 10 },
    ]);
    expect(bomb.length).toBeLessThan(16 * KB);
    await expect(assertZipExpandsWithin(bomb, 1024 * KB)).rejects.toThrow(ZipTooLargeError);
  });

  it('refuses what is not a zip file, or a damaged one, as a structure error', async () => {
    await expect(assertZipExpandsWithin(Buffer.from('not a workbook'), KB)).rejects.toThrow(
      ZipStructureError,
    );
    await expect(assertZipExpandsWithin(Buffer.alloc(0), KB)).rejects.toThrow(ZipStructureError);
    const zip = zipOf([{ name: 'a.xml', content: Buffer.alloc(KB, 'a') }]);
    const damaged = Buffer.from(zip);
    damaged.fill(0xff, 30 + 'a.xml'.length, 30 + 'a.xml'.length + 4); // the deflated data's first bytes
    await expect(assertZipExpandsWithin(damaged, 64 * KB)).rejects.toThrow(ZipStructureError);
    const noHeader = Buffer.from(zip);
    noHeader.writeUInt32LE(0, 0);
    await expect(assertZipExpandsWithin(noHeader, 64 * KB)).rejects.toThrow(/local header/);
  });
});
