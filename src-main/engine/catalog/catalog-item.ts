import type { CatalogItem } from '../../../src-shared/catalog';
import type { ListingBody, PriceBody, ProfileBody } from '../../../src-shared/domain';
import { valueScore } from '../../../src-shared/market-math';
import { referenceCallCost } from '../../../src-shared/money';

/** Figures measured from observed calls, when there are enough of them to show. */
export interface MeasuredFigures {
  latencyP50Ms: number;
  latencyP95Ms: number;
  successRateBps: number;
}

export interface ItemSources {
  modelId: string;
  producerKey: string;
  listing: ListingBody;
  listingTs: number;
  price: PriceBody | null;
  profile: ProfileBody | null;
  measured?: MeasuredFigures | null;
  /** From reviews, the ledger and evaluation reports by others; absent figures stay as claimed. */
  community?: CommunityFigures | null;
}

export interface CommunityFigures {
  ratingX100: number | null;
  payingUsers: number;
  measuredAccuracyBps: Record<string, number>;
}

/** Quality per credit: accuracy (bps) per micro-credit of the reference call, scaled by 1e6. */
export function valueScoreOf(accuracyBps: number, referenceCost: number | null): number {
  return referenceCost === null ? 0 : valueScore(accuracyBps, referenceCost);
}

/** Builds the catalog item the contract returns from the records that currently take effect. */
export function buildCatalogItem(src: ItemSources): CatalogItem {
  const { listing } = src;
  const claimed = listing.claimed;
  const measuredAccuracy = src.community?.measuredAccuracyBps ?? {};
  const accuracy: CatalogItem['metrics']['accuracyBps'] = Object.fromEntries(
    Object.entries(claimed.accuracyBps).map(([task, value]) =>
      measuredAccuracy[task] !== undefined ? [task, { value: measuredAccuracy[task]!, source: 'measured' as const }] : [task, { value, source: 'claimed' as const }],
    ),
  );
  let bestAccuracyBps = 0;
  let bestTask: string | null = null;
  // The first task listed wins a tie, so the named best task is stable across peers.
  for (const [task, figure] of Object.entries(accuracy)) {
    if (bestTask === null || figure.value > bestAccuracyBps) {
      bestTask = task;
      bestAccuracyBps = figure.value;
    }
  }
  const referenceCost = src.price ? referenceCallCost(src.price.price) : null;
  return {
    id: src.modelId,
    producerKey: src.producerKey,
    producerName: src.profile?.name ?? `${src.producerKey.slice(0, 8)}…`,
    slug: listing.slug,
    name: listing.name,
    description: listing.description,
    tasks: listing.tasks,
    industries: listing.industries,
    modality: listing.modality,
    contextWindow: listing.contextWindow,
    version: listing.version,
    endpoint: listing.endpoint,
    price: src.price?.price ?? null,
    referenceCost,
    bestAccuracyBps,
    bestTask,
    valueScore: valueScoreOf(bestAccuracyBps, referenceCost),
    metrics: {
      accuracyBps: accuracy,
      latencyP50Ms: src.measured ? { value: src.measured.latencyP50Ms, source: 'measured' } : { value: claimed.latencyP50Ms, source: 'claimed' },
      latencyP95Ms: src.measured ? { value: src.measured.latencyP95Ms, source: 'measured' } : { value: claimed.latencyP95Ms, source: 'claimed' },
      successRateBps: src.measured ? { value: src.measured.successRateBps, source: 'measured' } : { value: claimed.successRateBps, source: 'claimed' },
      throughputTps: { value: claimed.throughputTps, source: 'claimed' },
      ratingX100: { value: src.community?.ratingX100 ?? null, source: 'reviews' },
      popularity: { value: src.community?.payingUsers ?? 0, source: 'measured' },
    },
    retired: listing.retired,
    updatedAt: src.listingTs,
  };
}
