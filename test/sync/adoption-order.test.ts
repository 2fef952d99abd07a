import { describe, expect, it } from 'vitest';
import { adoptionOrder } from '../../src-main/engine/sync/index-follower';

describe('adoptionOrder', () => {
  it('fetches the marketplace document first, then identities, then the rest in index order', () => {
    const entries: Array<[string, string]> = [
      ['u1', 'catalog/p1'],
      ['u2', 'identity/a'],
      ['u3', 'reviews/m1'],
      ['u4', 'market'],
      ['u5', 'catalog/p2'],
      ['u6', 'identity/b'],
    ];
    expect(adoptionOrder(entries).map((e) => e[1])).toEqual(['market', 'identity/a', 'identity/b', 'catalog/p1', 'reviews/m1', 'catalog/p2']);
  });
});
