import { useEffect, useState } from 'react';
import { useClient } from '../client/ClientContext';
import { modelSlug } from '../ledger/accounts';

/**
 * Names for a page of model ids (decision history): one catalog.get per distinct id, not per row.
 * Until a name arrives, and for a model no longer in the catalog, the id's slug stands in.
 */
export function useModelNames(ids: readonly string[]): (modelId: string) => string {
  const client = useClient();
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const key = [...new Set(ids)].sort().join('\n');
  useEffect(() => {
    if (key === '') return undefined;
    let live = true;
    const wanted = key.split('\n');
    void Promise.allSettled(wanted.map((id) => client.call('catalog.get', { id }))).then((answers) => {
      if (!live) return;
      const found = new Map<string, string>();
      answers.forEach((answer, i) => answer.status === 'fulfilled' && found.set(wanted[i]!, answer.value.name));
      setNames(found);
    });
    return () => {
      live = false;
    };
  }, [client, key]);
  return (modelId) => names.get(modelId) ?? modelSlug(modelId);
}
