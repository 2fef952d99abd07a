import { AppError } from '../../../src-shared/errors';
import { compareModels, commonTask } from '../catalog';
import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';

export function catalogHandlers(engine: Engine): Pick<Handlers, 'catalog.list' | 'catalog.get' | 'catalog.compare'> {
  return {
    'catalog.list': async (input) => engine.catalogIndex.list(input),
    'catalog.get': async ({ id, task }) => {
      const item = engine.catalogIndex.row(id, task);
      if (!item) throw new AppError('NOT_FOUND', `No model with id ${id}`, { id });
      return item;
    },
    'catalog.compare': async ({ ids, task, workload }) => {
      const unique = [...new Set(ids)];
      if (unique.length < 2) throw new AppError('INVALID_INPUT', 'Compare needs 2 different models', { issues: [{ path: 'ids', message: 'duplicates' }] });
      const models = unique.map((id) => {
        const item = engine.catalogIndex.get(id);
        if (!item) throw new AppError('NOT_FOUND', `No model with id ${id}`, { id });
        return item;
      });
      const shown = task ?? commonTask(models);
      return compareModels(engine.catalogIndex.rowsOf(models, shown), engine.catalogIndex.items(), shown, workload);
    },
  };
}
