import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** What a zip file's central directory says of one entry, and where its data is. */
interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

export class ZipStructureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipStructureError';
  }
}

export class ZipTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file unzips to more than ${limit} bytes`);
    this.name = 'ZipTooLargeError';
  }
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The end record is 22 bytes, followed by a comment of at most 65,535. */
const END_RECORD_SEARCH = 22 + 0xffff;

/**
 * Unzips every entry of `zip` without keeping what comes out, and throws `ZipTooLargeError` as soon as the
 * total passes `limit` bytes. The sizes a zip declares are not trusted: a crafted file can declare a few
 * bytes and inflate to gigabytes, so only inflating tells. Memory stays at one inflate chunk.
 */
export async function assertZipExpandsWithin(zip: Buffer, limit: number): Promise<void> {
  let total = 0;
  for (const entry of centralDirectory(zip)) {
    const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === STORED) {
      total += data.length;
      if (total > limit) throw new ZipTooLargeError(limit);
      continue;
    }
    if (entry.method !== DEFLATED) {
      throw new ZipStructureError(`entry ${entry.name} uses compression method ${entry.method}`);
    }
    const inflater = Readable.from([data]).pipe(createInflateRaw());
    try {
      for await (const chunk of inflater) {
        total += (chunk as Buffer).length;
        if (total > limit) throw new ZipTooLargeError(limit);
      }
    } catch (error) {
      if (error instanceof ZipTooLargeError) throw error;
      throw new ZipStructureError(`entry ${entry.name} cannot be unzipped: ${(error as Error).message}`);
    } finally {
      inflater.destroy();
    }
  }
}

function centralDirectory(zip: Buffer): ZipEntry[] {
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  let at = zip.readUInt32LE(end + 16);
  if (at + size > end) throw new ZipStructureError('the central directory lies outside the file');
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) {
      throw new ZipStructureError(`central directory entry ${i + 1} is damaged`);
    }
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const compressedSize = zip.readUInt32LE(at + 20);
    const localHeader = zip.readUInt32LE(at + 42);
    // Zip64 marks its sizes and offsets 0xFFFFFFFF; no spreadsheet within the upload limit needs it.
    if (compressedSize === 0xffffffff || localHeader === 0xffffffff) {
      throw new ZipStructureError(`entry ${name} is in the zip64 format`);
    }
    entries.push({
      name,
      method: zip.readUInt16LE(at + 10),
      compressedSize,
      dataStart: dataStart(zip, localHeader, name),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function findEndRecord(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - END_RECORD_SEARCH);
  for (let at = zip.length - 22; at >= lowest; at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipStructureError('it is not a zip file (no end of central directory)');
}

function dataStart(zip: Buffer, localHeader: number, name: string): number {
  if (localHeader + 30 > zip.length || zip.readUInt32LE(localHeader) !== LOCAL_HEADER) {
    throw new ZipStructureError(`the local header of entry ${name} is damaged`);
  }
  return localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
}
