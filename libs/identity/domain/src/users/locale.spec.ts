import { canonicalLocale, canonicalTimeZone } from './locale';

describe('locale and time zone', () => {
  it('canonicalises valid BCP 47 tags and refuses others', () => {
    expect(canonicalLocale('en-gb')).toBe('en-GB');
    expect(canonicalLocale('de')).toBe('de');
    expect(canonicalLocale('not a locale')).toBeNull();
  });

  it('canonicalises IANA time zones and refuses unknown ones', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
  });
});
