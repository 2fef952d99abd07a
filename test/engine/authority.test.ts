import { describe, expect, it } from 'vitest';
import type { ListingBody, RecordPayload } from '../../src-shared/domain';
import { generateSigningKey } from '../../src-main/engine/identity/keys';
import { authorityViolation } from '../../src-main/engine/records/authority';

const producer = generateSigningKey().publicKey;
const stranger = generateSigningKey().publicKey;
const treasury = generateSigningKey().publicKey;
const modelId = `${producer}:clause-analyst`;

const listing: ListingBody = {
  slug: 'clause-analyst',
  name: 'Clause Analyst',
  description: 'Reads contracts',
  tasks: ['legal'],
  industries: ['legal'],
  modality: 'text',
  contextWindow: 32_768,
  endpoint: { baseUrl: 'http://127.0.0.1:5318/v1', model: 'clause-analyst' },
  version: '1.0.0',
  claimed: { accuracyBps: { legal: 9_000 }, latencyP50Ms: 300, latencyP95Ms: 700, successRateBps: 9_900, throughputTps: 50 },
  retired: false,
};
const price = { modelId, price: { inputPer1M: 2_000_000, outputPer1M: 6_000_000, perRequest: 0 }, effectiveFrom: 0 };
const profile = { name: 'Lexicon', description: '', contact: '', website: '' };
const config = { name: 'Market', feeBps: 500, epochSeconds: 604_800, graceSeconds: 86_400 };

function payload(kind: RecordPayload['kind'], author: string, subject: string, body: unknown): RecordPayload {
  return { v: 1, kind, author, subject, seq: 1, ts: 0, body };
}

const noMarket = { marketplaceId: null };
const market = { marketplaceId: treasury };

describe('authorityViolation', () => {
  it('lets each kind take effect when signed by the one who may sign it', () => {
    expect(authorityViolation(payload('listing', producer, modelId, listing), market)).toBeNull();
    expect(authorityViolation(payload('price', producer, modelId, price), market)).toBeNull();
    expect(authorityViolation(payload('profile', producer, producer, profile), market)).toBeNull();
    expect(authorityViolation(payload('device-cert', producer, producer, { deviceKey: stranger, label: 'laptop' }), market)).toBeNull();
    expect(authorityViolation(payload('marketplace-config', treasury, treasury, config), market)).toBeNull();
  });

  it('refuses a listing signed by a key that is not the producer in its model id', () => {
    const reason = authorityViolation(payload('listing', stranger, modelId, listing), market);
    expect(reason).toMatch(/not by its producer/);
    expect(reason).toContain(stranger);
  });

  it("refuses a listing whose slug is not its model id's slug", () => {
    const reason = authorityViolation(payload('listing', producer, `${producer}:other-model`, listing), market);
    expect(reason).toMatch(/slug does not match/);
  });

  it('refuses a price signed by someone other than the producer', () => {
    expect(authorityViolation(payload('price', stranger, modelId, price), market)).toMatch(/not by its producer/);
  });

  it('refuses a price whose body.modelId differs from its subject', () => {
    const otherModel = `${producer}:other-model`;
    expect(authorityViolation(payload('price', producer, otherModel, price), market)).toMatch(/price subject does not match its model id/);
  });

  it('refuses a profile or device certificate about someone other than its author', () => {
    expect(authorityViolation(payload('profile', stranger, producer, profile), market)).toMatch(/profile subject must be its author's key/);
    expect(authorityViolation(payload('device-cert', stranger, producer, { deviceKey: stranger, label: '' }), market)).toMatch(/device-cert subject/);
  });

  it('refuses a marketplace config signed by a non-treasury key once the marketplace is known', () => {
    const reason = authorityViolation(payload('marketplace-config', stranger, stranger, config), market);
    expect(reason).toMatch(/not by the treasury/);
    expect(reason).toContain(treasury);
  });

  it('accepts a self-signed marketplace config before the marketplace is known, but not one about another key', () => {
    expect(authorityViolation(payload('marketplace-config', stranger, stranger, config), noMarket)).toBeNull();
    expect(authorityViolation(payload('marketplace-config', stranger, treasury, config), noMarket)).toMatch(/subject must be the treasury key/);
  });

  it('refuses an invalid body, naming the failing field', () => {
    const negative = { ...price, price: { ...price.price, inputPer1M: -1 } };
    expect(authorityViolation(payload('price', producer, modelId, negative), market)).toMatch(/^invalid price body at price\.inputPer1M: .*must not be negative/);
    const fractional = { ...price, price: { ...price.price, perRequest: 0.5 } };
    expect(authorityViolation(payload('price', producer, modelId, fractional), market)).toMatch(/price\.perRequest/);
    expect(authorityViolation(payload('listing', producer, modelId, { ...listing, contextWindow: 0 }), market)).toMatch(/invalid listing body at contextWindow/);
    expect(authorityViolation(payload('marketplace-config', treasury, treasury, { ...config, feeBps: 9_999 }), market)).toMatch(/at feeBps/);
  });

  it('refuses a body with fields its kind does not have, or missing ones', () => {
    expect(authorityViolation(payload('profile', producer, producer, { ...profile, admin: true }), market)).toMatch(/invalid profile body/);
    const nameless: Record<string, unknown> = { ...listing };
    delete nameless.name;
    expect(authorityViolation(payload('listing', producer, modelId, nameless), market)).toMatch(/invalid listing body at name/);
  });

  it('checks the body before the signer: a forged, malformed record is still refused', () => {
    expect(authorityViolation(payload('price', stranger, modelId, { modelId }), market)).toMatch(/invalid price body/);
  });
});
