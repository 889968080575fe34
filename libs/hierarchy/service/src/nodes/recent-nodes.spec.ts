import { HierarchyNode } from './node.entity';
import { RecentNodes } from './recent-nodes';

const node = (id: string, version: number, title = `Node ${id}`): HierarchyNode =>
  Object.assign(new HierarchyNode(), { id, version, title, tags: ['a'] });

describe('RecentNodes', () => {
  it('gives a node back only at the version it was remembered at', () => {
    const recent = new RecentNodes(10);
    recent.remember(node('n1', 3));
    expect(recent.at('n1', 3)?.title).toBe('Node n1');
    expect(recent.at('n1', 2)).toBeUndefined();
    expect(recent.at('n1', 4)).toBeUndefined();
    expect(recent.at('n2', 1)).toBeUndefined();
  });

  it('hands out copies: changing one changes neither what it holds nor the node it was given', () => {
    const recent = new RecentNodes(10);
    const written = node('n1', 1);
    recent.remember(written);
    written.title = 'changed after';
    const taken = recent.at('n1', 1);
    if (!taken) throw new Error('not remembered');
    taken.title = 'changed by a caller';
    taken.tags.push('b');
    expect(recent.at('n1', 1)).toMatchObject({ title: 'Node n1', tags: ['a'] });
  });

  it('holds at most its capacity, letting the node written longest ago go first', () => {
    const recent = new RecentNodes(2);
    recent.remember(node('n1', 1));
    recent.remember(node('n2', 1));
    recent.remember(node('n1', 2)); // written again: now the newest
    recent.remember(node('n3', 1));
    expect(recent.size).toBe(2);
    expect(recent.at('n2', 1)).toBeUndefined();
    expect(recent.at('n1', 2)).toBeDefined();
    expect(recent.at('n3', 1)).toBeDefined();
    recent.forget('n3');
    expect(recent.at('n3', 1)).toBeUndefined();
  });
});
