import { AppError } from '@steerco/platform-errors';
import { formatNodeKey, parentLevelOf } from './levels';
import { assertMeasureOnlyFields, assertPlacement } from './node-rules';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('placement rule', () => {
  it.each([
    ['organization', null, undefined],
    ['portfolio', 'organization', undefined],
    ['program', 'portfolio', undefined],
    ['project', 'program', undefined],
    ['measurePackage', 'project', undefined],
    ['measure', 'measurePackage', undefined],
    ['organization', 'organization', 'HIERARCHY.LEVEL_RULE_VIOLATED'],
    ['portfolio', null, 'HIERARCHY.LEVEL_RULE_VIOLATED'],
    ['measure', 'project', 'HIERARCHY.LEVEL_RULE_VIOLATED'],
    ['program', 'organization', 'HIERARCHY.LEVEL_RULE_VIOLATED'],
    ['project', 'measurePackage', 'HIERARCHY.LEVEL_RULE_VIOLATED'],
  ] as const)('%s under %s -> %s', (level, parentLevel, expected) => {
    const parent = parentLevel ? { id: 'p', level: parentLevel, archived: false } : null;
    expect(codeOf(() => assertPlacement(level, parent))).toBe(expected);
  });

  it('refuses a child under an archived parent', () => {
    expect(
      codeOf(() => assertPlacement('portfolio', { id: 'p', level: 'organization', archived: true })),
    ).toBe('HIERARCHY.NODE_ARCHIVED');
  });

  it('knows the parent level of each level', () => {
    expect(parentLevelOf('organization')).toBeNull();
    expect(parentLevelOf('measure')).toBe('measurePackage');
  });
});

describe('measure-only fields', () => {
  it('accepts them on measures and refuses them elsewhere, naming each field', () => {
    expect(() =>
      assertMeasureOnlyFields('measure', { measureKind: 'savings', customerRef: 'C-1' }),
    ).not.toThrow();
    try {
      assertMeasureOnlyFields('project', { measureKind: 'savings', customerRef: 'C-1' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as AppError).fields.map((f) => f.field)).toEqual([
        'body.measureKind',
        'body.customerRef',
      ]);
    }
  });
});

describe('node keys', () => {
  it('pads measures to six digits and leaves containers short', () => {
    expect(formatNodeKey('measure', 123)).toBe('M-000123');
    expect(formatNodeKey('portfolio', 12)).toBe('PF-12');
  });
});
