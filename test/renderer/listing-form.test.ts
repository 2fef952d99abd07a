import { describe, expect, it } from 'vitest';
import { buildPublishInput, emptyListing, listingFieldOf, listingFromItem, slugFromName, type ListingValues } from '../../src-renderer/src/producer/listing/listing-form';
import { makeCatalogItem } from './fixtures';

function filled(overrides: Partial<ListingValues> = {}): ListingValues {
  return {
    ...emptyListing(),
    slug: 'helpdesk-triage-7b',
    name: ' Helpdesk Triage 7B ',
    description: 'Sorts tickets.',
    tasks: ['support', 'ticket-routing'],
    industries: 'retail, saas',
    modality: 'text',
    contextWindow: '32,768',
    baseUrl: 'https://api.example.com/v1',
    endpointModel: 'triage-7b',
    version: '1.2.0',
    accuracy: { support: '81.25', 'ticket-routing': '77' },
    latencyP50: '300',
    latencyP95: '900',
    successRate: '99.5',
    throughput: '120',
    ...overrides,
  };
}

describe('listing form → models.publish input', () => {
  it('builds the exact payload: trimmed text, integers, bps, no price when none is typed', () => {
    const built = buildPublishInput(filled(), 'new');
    expect(built).toEqual({
      ok: true,
      input: {
        slug: 'helpdesk-triage-7b',
        name: 'Helpdesk Triage 7B',
        description: 'Sorts tickets.',
        tasks: ['support', 'ticket-routing'],
        industries: ['retail', 'saas'],
        modality: 'text',
        contextWindow: 32_768,
        endpoint: { baseUrl: 'https://api.example.com/v1', model: 'triage-7b' },
        version: '1.2.0',
        claimed: { accuracyBps: { support: 8_125, 'ticket-routing': 7_700 }, latencyP50Ms: 300, latencyP95Ms: 900, successRateBps: 9_950, throughputTps: 120 },
      },
    });
  });

  it('adds the first price in micro-credits, an empty per-request fee being 0', () => {
    const built = buildPublishInput(filled({ priceIn: '0.456', priceOut: '1.25' }), 'new');
    expect(built.ok && built.input.price).toEqual({ inputPer1M: 456_000, outputPer1M: 1_250_000, perRequest: 0 });
  });

  it('never sends a price when editing (prices change in Pricing)', () => {
    const built = buildPublishInput(filled({ priceIn: '1', priceOut: '1' }), 'edit');
    expect(built.ok && 'price' in built.input).toBe(false);
  });

  it('names every field that is wrong, with the contract’s rules', () => {
    const built = buildPublishInput(
      filled({
        slug: 'Bad Slug',
        name: '  ',
        tasks: [],
        industries: 'Retail',
        contextWindow: '0',
        baseUrl: 'ftp://example.com',
        endpointModel: '',
        version: '',
        latencyP50: '900',
        latencyP95: '300',
        successRate: '101',
        throughput: 'fast',
        priceIn: '1.5',
        priceOut: '',
      }),
      'new',
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.problems).sort()).toEqual(
      ['baseUrl', 'contextWindow', 'endpointModel', 'industries', 'latencyP95', 'name', 'priceOut', 'slug', 'successRate', 'tasks', 'throughput', 'version'].sort(),
    );
    expect(built.problems.latencyP95).toBe('p95 latency cannot be lower than p50.');
    expect(built.problems.baseUrl).toMatch(/http or https/);
  });

  it('requires a claimed accuracy for every task', () => {
    const built = buildPublishInput(filled({ accuracy: { support: '80' } }), 'new');
    expect(built.ok).toBe(false);
    if (!built.ok) expect(Object.keys(built.problems)).toEqual(['accuracy.ticket-routing']);
  });

  it('maps the engine’s issue paths to form fields', () => {
    expect(listingFieldOf('endpoint.baseUrl')).toBe('baseUrl');
    expect(listingFieldOf('claimed.accuracyBps.support')).toBe('accuracy.support');
    expect(listingFieldOf('claimed.latencyP95Ms')).toBe('latencyP95');
    expect(listingFieldOf('price.outputPer1M')).toBe('priceOut');
    expect(listingFieldOf('tasks.2')).toBe('tasks');
    expect(listingFieldOf('slug')).toBe('slug');
    expect(listingFieldOf('(input)')).toBeNull();
  });

  it('suggests a slug from the name and reads an existing listing back', () => {
    expect(slugFromName('Helpdesk Triage 7B!')).toBe('helpdesk-triage-7b');
    const item = makeCatalogItem({ slug: 'coder', industries: ['software'] });
    const values = listingFromItem(item);
    expect(values).toMatchObject({ slug: 'coder', industries: 'software', contextWindow: '128000', successRate: '99', latencyP95: '1250' });
    expect(values.accuracy).toEqual({ code: '91.5', chat: '80' });
    expect(buildPublishInput(values, 'edit').ok).toBe(true);
  });
});
