import { useCommand } from '../../client/useCommand';

/** The producer's active models for the pricing picker; a producer has tens, not thousands. */
export function useMyModels(producerKey: string) {
  return useCommand('catalog.list', { filters: { producer: producerKey }, sort: 'name', limit: 500 }, ['catalog.changed']);
}
