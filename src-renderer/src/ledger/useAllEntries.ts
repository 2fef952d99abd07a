import { useEffect, useState } from 'react';
import type { CommandInput, CommandOutput } from '../../../src-shared/contract';
import type { AppError } from '../../../src-shared/errors';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import { useRefetchOn } from '../client/useRefetchOn';

type Entry = CommandOutput<'ledger.entries'>['items'][number];
type BaseInput = Omit<CommandInput<'ledger.entries'>, 'offset' | 'limit'>;

const PAGE = 500;
/** 50 pages of 500: more than a year of heavy daily use; beyond that the view says it is partial. */
export const MAX_PAGES = 50;

export interface AllEntries {
  items: Entry[] | undefined;
  total: number;
  /** True when there were more matching entries than MAX_PAGES pages: sums cover the newest only. */
  truncated: boolean;
  error: AppError | undefined;
  reload(): void;
}

/**
 * Every entry matching `input` (charts need all of them, not one page), read page by page and
 * re-read when the ledger changes. The previous answer stays on screen while a re-read runs.
 */
export function useAllEntries(input: BaseInput | null): AllEntries {
  const client = useClient();
  const key = input === null ? null : JSON.stringify(input);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ key: string; items: Entry[]; total: number; truncated: boolean } | null>(null);
  const [error, setError] = useState<{ key: string; error: AppError } | null>(null);
  useRefetchOn(['ledger.changed'], () => setVersion((v) => v + 1));

  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    const base = JSON.parse(key) as BaseInput;
    void (async () => {
      try {
        const items: Entry[] = [];
        let total = 0;
        for (let page = 0; page < MAX_PAGES; page++) {
          const answer = await client.call('ledger.entries', { ...base, offset: page * PAGE, limit: PAGE });
          if (!live) return;
          total = answer.total;
          items.push(...answer.items);
          if (answer.items.length < PAGE || items.length >= total) break;
        }
        setState({ key, items, total, truncated: items.length < total });
        setError(null);
      } catch (failure) {
        if (live) setError({ key, error: asAppError(failure) });
      }
    })();
    return () => {
      live = false;
    };
  }, [client, key, version]);

  const current = state && state.key === key ? state : null;
  return {
    items: current?.items,
    total: current?.total ?? 0,
    truncated: current?.truncated ?? false,
    error: error && error.key === key ? error.error : undefined,
    reload: () => setVersion((v) => v + 1),
  };
}
