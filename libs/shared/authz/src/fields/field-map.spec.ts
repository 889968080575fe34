import { FIELD_MAP, extendFieldMap, placeOfField } from './field-map';

describe('field map', () => {
  it('puts the hierarchy node attributes on the overview and its id in identity', () => {
    for (const field of [
      'key',
      'title',
      'description',
      'level',
      'parentId',
      'ownerId',
      'deputyId',
      'sponsorId',
      'controllerId',
      'businessUnit',
      'function',
      'legalEntity',
      'region',
      'costCentre',
      'measureKind',
      'customerRef',
      'tags',
      'archived',
      'version',
      'createdAt',
      'updatedAt',
    ]) {
      expect({ field, place: placeOfField(FIELD_MAP, 'Node', field) }).toEqual({ field, place: 'overview' });
    }
    expect(placeOfField(FIELD_MAP, 'Node', 'id')).toBe('identity');
  });

  it('places unknown fields of a multi-tab type nowhere', () => {
    expect(placeOfField(FIELD_MAP, 'Node', 'secretMargin')).toBeUndefined();
    expect(placeOfField(FIELD_MAP, 'EffectLine', 'secretMargin')).toBeUndefined();
  });

  it('places every field of a single-tab type on its tab', () => {
    expect(placeOfField(FIELD_MAP, 'Risk', 'probability')).toBe('status');
    expect(placeOfField(FIELD_MAP, 'Risk', 'id')).toBe('identity');
    expect(placeOfField(FIELD_MAP, 'Document', 'checksum')).toBe('documents');
  });

  it("separates an effect line's plan from its actuals", () => {
    expect(placeOfField(FIELD_MAP, 'EffectLine', 'plan')).toBe('financials-plan');
    expect(placeOfField(FIELD_MAP, 'EffectLine', 'actual')).toBe('financials-actual');
  });

  describe('extendFieldMap', () => {
    it("adds a service's fields to a tab without changing the base map", () => {
      const extended = extendFieldMap(FIELD_MAP, 'Node', {
        status: ['implementationStatus', 'potentialStatus'],
        'financials-plan': ['targetTotal'],
      });
      expect(placeOfField(extended, 'Node', 'potentialStatus')).toBe('status');
      expect(placeOfField(extended, 'Node', 'targetTotal')).toBe('financials-plan');
      expect(placeOfField(extended, 'Node', 'title')).toBe('overview');
      expect(placeOfField(FIELD_MAP, 'Node', 'potentialStatus')).toBeUndefined();
    });

    it('refuses to move a field to another tab', () => {
      expect(() => extendFieldMap(FIELD_MAP, 'Node', { status: ['title'] })).toThrow(
        'Node.title already belongs to overview.',
      );
    });

    it('refuses a tab the type does not have', () => {
      expect(() => extendFieldMap(FIELD_MAP, 'Risk', { 'financials-plan': ['exposure'] })).toThrow(
        'Risk has no tab financials-plan.',
      );
    });

    it('keeps the single-tab rule for the fields not listed', () => {
      const extended = extendFieldMap(FIELD_MAP, 'Risk', { status: ['exposure'] });
      expect(placeOfField(extended, 'Risk', 'exposure')).toBe('status');
      expect(placeOfField(extended, 'Risk', 'probability')).toBe('status');
      expect(placeOfField(extended, 'Risk', 'id')).toBe('identity');
    });
  });
});
