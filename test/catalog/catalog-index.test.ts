import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../src-main/engine/catalog/catalog-index';
import { syntheticItems } from '../../bench/catalog-list';

describe('CatalogIndex task lists', () => {
  it('swaps a refreshed model in place and stays equal to a fresh scan', () => {
    const items = syntheticItems(200);
    const index = new CatalogIndex();
    index.upsert(items);
    const task = items[0]!.tasks[0]!;
    const list = index.byTask(task);
    const refreshed = { ...items[0]!, updatedAt: items[0]!.updatedAt + 1 };
    index.upsert([refreshed]);
    const after = index.byTask(task);
    expect(after).toBe(list); // kept, not rebuilt
    expect(after).toContain(refreshed);
    expect(after).not.toContain(items[0]);
    const fresh = new CatalogIndex();
    fresh.upsert([refreshed, ...items.slice(1)]);
    expect(new Set(after.map((i) => i.id))).toEqual(new Set(fresh.byTask(task).map((i) => i.id)));
  });

  it('rebuilds when a model changes its tasks or a new model arrives', () => {
    const items = syntheticItems(50);
    const index = new CatalogIndex();
    index.upsert(items);
    const task = items[0]!.tasks[0]!;
    const other = items.find((i) => !i.tasks.includes(task))!;
    expect(index.byTask(task)).not.toContainEqual(expect.objectContaining({ id: other.id }));
    index.upsert([{ ...other, tasks: [...other.tasks, task] }]);
    expect(index.byTask(task).map((i) => i.id)).toContain(other.id);
    const newcomer = { ...items[0]!, id: `${items[0]!.producerKey}:newcomer` };
    index.upsert([newcomer]);
    expect(index.byTask(task).map((i) => i.id)).toContain(newcomer.id);
  });

  it('lists every task in one pass after a change, each model once, as a scan for that task alone would', () => {
    const items = syntheticItems(120);
    const twice = items.find((i) => i.tasks[0] === i.tasks[1])!;
    expect(twice).toBeDefined();
    const index = new CatalogIndex();
    index.upsert(items);
    for (const task of new Set(items.flatMap((i) => i.tasks))) {
      expect(index.byTask(task)).toEqual(items.filter((i) => i.tasks.includes(task)));
    }
    expect(index.byTask('no-such-task')).toEqual([]);
  });
});
