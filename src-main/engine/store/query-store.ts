import { addRxPlugin, createRxDatabase, overwritable, type RxCollection, type RxDatabase, type RxJsonSchema } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { randomUUID } from 'node:crypto';
import type { CatalogItem } from '../../../src-shared/catalog';

/** The flattened, indexed projection of one catalog item; `item` is what the contract returns. */
export interface ModelRow {
  id: string;
  producerKey: string;
  nameKey: string;
  searchText: string;
  tasks: string[];
  industries: string[];
  refCost: number;
  bestAccuracyBps: number;
  latencyP95Ms: number;
  ratingX100: number;
  popularity: number;
  valueScore: number;
  retired: number;
  measured: number;
  updatedAt: number;
  item: CatalogItem;
}

export interface QuarantineRow {
  hash: string;
  doc: string;
  kind: string;
  author: string;
  subject: string;
  reason: string;
  receivedAt: number;
}

/** Unpriced models sort after every priced one. */
export const UNPRICED_COST = 9_007_199_254_740_000;

const int = (maximum: number) => ({ type: 'integer', minimum: 0, maximum, multipleOf: 1 }) as const;

const modelSchema: RxJsonSchema<ModelRow> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 120 },
    producerKey: { type: 'string', maxLength: 43 },
    nameKey: { type: 'string', maxLength: 120 },
    searchText: { type: 'string' },
    tasks: { type: 'array', items: { type: 'string' } },
    industries: { type: 'array', items: { type: 'string' } },
    refCost: int(UNPRICED_COST),
    bestAccuracyBps: int(10_000),
    latencyP95Ms: int(600_000),
    ratingX100: int(500),
    popularity: int(1_000_000_000),
    valueScore: int(Number.MAX_SAFE_INTEGER),
    retired: int(1),
    measured: int(1),
    updatedAt: int(Number.MAX_SAFE_INTEGER),
    item: { type: 'object' },
  },
  required: ['id', 'producerKey', 'nameKey', 'searchText', 'tasks', 'industries', 'refCost', 'bestAccuracyBps', 'latencyP95Ms', 'ratingX100', 'popularity', 'valueScore', 'retired', 'measured', 'updatedAt', 'item'],
  // No secondary indexes: every catalog read is answered by CatalogIndex (a scan over pre-sorted
  // permutations, faster than RxDB's matcher, bench/catalog-list) or by id. Nine sorted indexes
  // that nothing queried made each row write nine sorted-array inserts: a third of the engine
  // thread's work while a 10k-model first sync arrived (bench/sync).
};

const quarantineSchema: RxJsonSchema<QuarantineRow> = {
  version: 0,
  primaryKey: 'hash',
  type: 'object',
  properties: {
    hash: { type: 'string', maxLength: 64 },
    doc: { type: 'string' },
    kind: { type: 'string' },
    author: { type: 'string' },
    subject: { type: 'string' },
    reason: { type: 'string' },
    receivedAt: int(Number.MAX_SAFE_INTEGER),
  },
  required: ['hash', 'doc', 'kind', 'author', 'subject', 'reason', 'receivedAt'],
};

export interface QueryCollections {
  models: RxCollection<ModelRow>;
  quarantine: RxCollection<QuarantineRow>;
}

export type QueryDatabase = RxDatabase<QueryCollections>;

export interface QueryStoreOptions {
  /** Schema validation (ajv) and RxDB dev-mode checks: on in tests and development only. */
  validate: boolean;
}

/**
 * RxDB is the query store, not the source of truth (docs/architecture.md): its free storages do not persist
 * in Node, so it runs in memory and is rebuilt from the Automerge documents at every start.
 */
export async function openQueryStore(options: QueryStoreOptions): Promise<QueryDatabase> {
  // Dev-mode is process-wide in RxDB: once a test turned it on, every database must validate.
  const validate = options.validate || overwritable.isDevMode();
  if (validate && !overwritable.isDevMode()) {
    const { RxDBDevModePlugin, disableWarnings } = await import('rxdb/plugins/dev-mode');
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  }
  const memory = getRxStorageMemory();
  const db = await createRxDatabase<QueryCollections>({
    // Memory storages are shared per name inside a process: a unique name keeps engines apart.
    name: `infiniroute${randomUUID().replace(/-/g, '')}`,
    storage: validate ? wrappedValidateAjvStorage({ storage: memory }) : memory,
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: false,
  });
  await db.addCollections({ models: { schema: modelSchema }, quarantine: { schema: quarantineSchema } });
  return db;
}
