import { uuidArray } from './uuid-array';

describe('uuidArray', () => {
  it('writes an array literal of UUIDs, empty included', () => {
    expect(uuidArray(['5b0a3c1e-2f4d-4e6a-8b9c-0d1e2f3a4b5c', '00000000-0000-4000-8000-000000000000'])).toBe(
      '{5b0a3c1e-2f4d-4e6a-8b9c-0d1e2f3a4b5c,00000000-0000-4000-8000-000000000000}',
    );
    expect(uuidArray([])).toBe('{}');
  });

  it('refuses anything that is not a UUID, so nothing else reaches the literal', () => {
    expect(() => uuidArray(['x},{y'])).toThrow('not a UUID');
  });
});
