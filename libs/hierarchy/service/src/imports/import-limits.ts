/**
 * How much one import may hold. The import validates the whole file before it writes anything, so it holds
 * all of it in memory: about 4–5 KB per row through the import (a 100,000-row import raised a process's
 * resident memory by 460 MB, docs/benchmarks.md). Without these limits, the 50 MB upload limit alone would
 * let one XLSX file (zipped XML, 10–20 times smaller than its content) take gigabytes and the process with it.
 */
export interface ImportLimits {
  /** Data rows (the header not counted). Larger trees are imported in several files, branch by branch. */
  maxRows: number;
  /** What an XLSX file may unzip to, all its parts together: about 2.5 times a 100,000-row sheet. */
  maxXlsxExpandedBytes: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  maxRows: 100_000,
  maxXlsxExpandedBytes: 160 * 1024 * 1024,
};
