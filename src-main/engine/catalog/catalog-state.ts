import { RECORD_BODIES, producerOf, type ListingBody, type PriceBody, type ProfileBody } from '../../../src-shared/domain';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { SignedRecord } from '../records/signed';
import { buildCatalogItem, type CommunityFigures, type MeasuredFigures } from './catalog-item';

interface Versioned<T> {
  seq: number;
  ts: number;
  hash: string;
  body: T;
}

export interface PriceChange {
  seq: number;
  ts: number;
  hash: string;
  price: PriceBody;
}

/**
 * The catalog as the signed records say it is: the highest-seq listing and profile per author and
 * subject, and every price change in seq order. Records reach it already verified and authorised.
 */
export class CatalogState {
  private readonly listings = new Map<string, Versioned<ListingBody>>();
  private readonly prices = new Map<string, PriceChange[]>();
  private readonly profiles = new Map<string, Versioned<ProfileBody>>();
  private readonly byProducer = new Map<string, Set<string>>();

  /** Applies one record; returns the model ids whose catalog item changed. */
  apply(record: SignedRecord): string[] {
    const { payload, hash } = record;
    switch (payload.kind) {
      case 'listing': {
        const current = this.listings.get(payload.subject);
        if (current && current.seq >= payload.seq) return [];
        this.listings.set(payload.subject, { seq: payload.seq, ts: payload.ts, hash, body: RECORD_BODIES.listing.parse(payload.body) });
        const producer = producerOf(payload.subject);
        let models = this.byProducer.get(producer);
        if (!models) this.byProducer.set(producer, (models = new Set()));
        models.add(payload.subject);
        return [payload.subject];
      }
      case 'price': {
        const history = this.prices.get(payload.subject) ?? [];
        if (history.some((p) => p.hash === hash)) return [];
        history.push({ seq: payload.seq, ts: payload.ts, hash, price: RECORD_BODIES.price.parse(payload.body) });
        history.sort((a, b) => a.seq - b.seq || (a.hash < b.hash ? -1 : 1));
        this.prices.set(payload.subject, history);
        return this.listings.has(payload.subject) ? [payload.subject] : [];
      }
      case 'profile': {
        const current = this.profiles.get(payload.subject);
        if (current && current.seq >= payload.seq) return [];
        this.profiles.set(payload.subject, { seq: payload.seq, ts: payload.ts, hash, body: RECORD_BODIES.profile.parse(payload.body) });
        return [...(this.byProducer.get(payload.subject) ?? [])];
      }
      default:
        return [];
    }
  }

  /** The next seq an author must use for a subject, so readers never see it go backwards. */
  nextSeq(kind: 'listing' | 'price' | 'profile', subject: string): number {
    if (kind === 'listing') return (this.listings.get(subject)?.seq ?? 0) + 1;
    if (kind === 'profile') return (this.profiles.get(subject)?.seq ?? 0) + 1;
    const history = this.prices.get(subject);
    return (history?.[history.length - 1]?.seq ?? 0) + 1;
  }

  /** The price in force at `now`: the highest-seq change whose effectiveFrom has come. */
  priceAt(modelId: string, now: number): PriceBody | null {
    const history = this.prices.get(modelId) ?? [];
    for (let i = history.length - 1; i >= 0; i--) {
      const change = history[i]!;
      if (change.price.effectiveFrom <= now) return change.price;
    }
    return null;
  }

  priceHistory(modelId: string): PriceChange[] {
    return [...(this.prices.get(modelId) ?? [])];
  }

  item(modelId: string, now: number, measured: MeasuredFigures | null = null, community: CommunityFigures | null = null): CatalogItem | null {
    const listing = this.listings.get(modelId);
    if (!listing) return null;
    const producerKey = producerOf(modelId);
    return buildCatalogItem({
      modelId,
      producerKey,
      listing: listing.body,
      listingTs: listing.ts,
      price: this.priceAt(modelId, now),
      profile: this.profiles.get(producerKey)?.body ?? null,
      measured,
      community,
    });
  }

  listing(modelId: string): ListingBody | null {
    return this.listings.get(modelId)?.body ?? null;
  }

  modelCountOf(producerKey: string): number {
    return this.byProducer.get(producerKey)?.size ?? 0;
  }

  /** The earliest scheduled price change after `now`, so the engine can re-price on time. */
  nextPriceChangeAfter(now: number): number | null {
    let next: number | null = null;
    for (const history of this.prices.values()) {
      for (const change of history) {
        const at = change.price.effectiveFrom;
        if (at > now && (next === null || at < next)) next = at;
      }
    }
    return next;
  }

  /** Models whose price in force changes in (from, to]. */
  modelsRepricedBetween(from: number, to: number): string[] {
    const ids: string[] = [];
    for (const [id, history] of this.prices) {
      if (history.some((c) => c.price.effectiveFrom > from && c.price.effectiveFrom <= to)) ids.push(id);
    }
    return ids;
  }

  modelIds(): string[] {
    return [...this.listings.keys()];
  }

  profile(producerKey: string): ProfileBody | null {
    return this.profiles.get(producerKey)?.body ?? null;
  }

  get producerCount(): number {
    return new Set([...this.profiles.keys(), ...this.byProducer.keys()]).size;
  }

  get modelCount(): number {
    return this.listings.size;
  }
}
