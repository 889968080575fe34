import { ltreeOf, pathLabel } from './path-label';

describe('ltree labels', () => {
  it('removes the dashes of a UUID, as node.path stores it', () => {
    expect(pathLabel('6348fccb-5d18-43d1-840f-cb0bbf4221f7')).toBe('6348fccb5d1843d1840fcb0bbf4221f7');
  });

  it('joins a path of ids, organization first', () => {
    expect(ltreeOf(['aaaa-1', 'bbbb-2'])).toBe('aaaa1.bbbb2');
  });
});
