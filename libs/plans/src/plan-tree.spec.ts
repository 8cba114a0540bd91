import { describe, expect, it } from 'vitest';
import { buildTree } from './plan-tree';

describe('buildTree', () => {
  it('orders aims by position, objectives by number and measures by code numerically', () => {
    const version = { id: 'v' } as any;
    const tree = buildTree(
      version,
      [
        { id: 'a2', planVersionId: 'v', code: 'A2', title: 'two', position: 2 },
        { id: 'a1', planVersionId: 'v', code: 'A1', title: 'one', position: 1 },
      ],
      [
        { id: 'o3', planVersionId: 'v', aimId: 'a2', number: 3, title: '', description: '' },
        { id: 'o1', planVersionId: 'v', aimId: 'a1', number: 1, title: '', description: '' },
        { id: 'o2', planVersionId: 'v', aimId: 'a2', number: 2, title: '', description: '' },
      ],
      [
        { id: 'm10', objectiveId: 'o1', code: '1.10', description: '', unit: 'text' },
        { id: 'm2', objectiveId: 'o1', code: '1.2', description: '', unit: 'text' },
      ],
    );
    expect(tree.aims.map((a) => a.code)).toEqual(['A1', 'A2']);
    expect(tree.aims[1]!.objectives.map((o) => o.number)).toEqual([2, 3]);
    expect(tree.aims[0]!.objectives[0]!.measures.map((m) => m.code)).toEqual(['1.2', '1.10']);
    expect(tree.aims[1]!.objectives[0]!.measures).toEqual([]);
  });
});
