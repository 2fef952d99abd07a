import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../dispatcher';
import type { Engine } from '../engine';

export function catalogHandlers(engine: Engine): Pick<Handlers, 'catalog.list' | 'catalog.get'> {
  return {
    'catalog.list': async (input) => engine.catalogIndex.list(input),
    'catalog.get': async ({ id }) => {
      const row = await engine.db.models.findOne(id).exec();
      if (!row) throw new AppError('NOT_FOUND', `No model with id ${id}`, { id });
      return row.toMutableJSON().item;
    },
  };
}
