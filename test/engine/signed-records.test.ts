import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json';
import { SignatureVerifier, generateSigningKey, signBytes, type SigningKey } from '../../src-main/engine/identity/keys';
import { SIGNATURE_BYTES, decodeRecord, draftOf, recordHash, signRecord } from '../../src-main/engine/records/signed';
import { RECORD_JSON_LIMITS } from '../../src-shared/bounded-json';
import { MAX_BATCH_HASHES } from '../../src-shared/domain';
import { LISTING } from '../catalog/helpers';

const key = generateSigningKey();
const profile = { name: 'Acme Models', description: 'We make models', contact: 'a@example.org', website: 'https://example.org' };

function sample(k: SigningKey = key) {
  return signRecord(k, draftOf('profile', k.publicKey, 3, profile, 1_700_000_000_000));
}

/** Signs arbitrary body bytes as `k`: how a forger (or a sloppy client) would build a record. */
function signRaw(k: SigningKey, body: string): Uint8Array {
  const bodyBytes = new TextEncoder().encode(body);
  const out = new Uint8Array(SIGNATURE_BYTES + bodyBytes.length);
  out.set(signBytes(k, bodyBytes), 0);
  out.set(bodyBytes, SIGNATURE_BYTES);
  return out;
}

function decode(bytes: Uint8Array) {
  return decodeRecord(bytes, new SignatureVerifier());
}

function reasonOf(bytes: Uint8Array): string {
  const result = decode(bytes);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
}

describe('signRecord / decodeRecord', () => {
  it('round-trips: the decoded record is the one signed, with the same hash', () => {
    const record = sample();
    const result = decode(record.bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.hash).toBe(record.hash);
    expect(result.record.payload).toEqual({ v: 1, author: key.publicKey, kind: 'profile', subject: key.publicKey, seq: 3, ts: 1_700_000_000_000, body: profile });
  });

  it('lays the bytes out as signature ‖ canonical JSON payload, hashed with SHA-256', () => {
    const record = sample();
    const body = new TextDecoder().decode(record.bytes.subarray(SIGNATURE_BYTES));
    expect(body).toBe(canonicalJson(record.payload));
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.hash).toBe(recordHash(record.bytes));
  });

  it('makes the same bytes for the same key and draft (Ed25519 is deterministic)', () => {
    expect(sample().hash).toBe(sample().hash);
    expect(sample(generateSigningKey()).hash).not.toBe(sample().hash);
  });

  it('refuses a payload with one byte changed: the signature no longer verifies', () => {
    const bytes = sample().bytes.slice();
    const at = SIGNATURE_BYTES + new TextDecoder().decode(bytes.subarray(SIGNATURE_BYTES)).indexOf('Acme');
    bytes[at] = 'B'.charCodeAt(0); // "Bcme": still valid canonical JSON, but not what was signed
    expect(reasonOf(bytes)).toMatch(/signature does not verify/);
  });

  it('refuses a record whose signature has one bit flipped', () => {
    for (const at of [0, 31, SIGNATURE_BYTES - 1]) {
      const bytes = sample().bytes.slice();
      bytes[at]! ^= 0x01;
      expect(reasonOf(bytes)).toMatch(/signature/);
    }
  });

  it('refuses a record signed by a key other than its author', () => {
    const other = generateSigningKey();
    const bytes = signRaw(other, canonicalJson(sample().payload));
    expect(reasonOf(bytes)).toMatch(new RegExp(`signature does not verify for author ${key.publicKey}`));
  });

  it('refuses a validly signed but non-canonical payload (whitespace)', () => {
    const spaced = JSON.stringify(sample().payload, null, 1);
    expect(reasonOf(signRaw(key, spaced))).toMatch(/canonical/);
  });

  it('refuses a validly signed but non-canonical payload (unsorted keys)', () => {
    const { payload } = sample();
    const unsorted = JSON.stringify({ v: payload.v, seq: payload.seq, author: payload.author, kind: payload.kind, subject: payload.subject, ts: payload.ts, body: payload.body });
    expect(unsorted).not.toBe(canonicalJson(payload));
    expect(reasonOf(signRaw(key, unsorted))).toMatch(/canonical/);
  });

  it('refuses a validly signed payload holding a float (canonical JSON is integers only)', () => {
    const body = canonicalJson({ ...sample().payload, ts: 1 }).replace('"ts":1', '"ts":1.5');
    expect(reasonOf(signRaw(key, body))).toMatch(/malformed|canonical/);
  });

  it('refuses records too short to hold a signature', () => {
    expect(reasonOf(new Uint8Array(0))).toMatch(/too short/);
    expect(reasonOf(new Uint8Array(SIGNATURE_BYTES))).toMatch(/too short/);
  });

  it('refuses a payload that is not UTF-8 JSON', () => {
    const notJson = new Uint8Array(SIGNATURE_BYTES + 3);
    notJson.set([0x7b, 0xff, 0x7d], SIGNATURE_BYTES);
    expect(reasonOf(notJson)).toMatch(/not UTF-8 JSON/);
    expect(reasonOf(signRaw(key, '{"v":1,'))).toMatch(/not UTF-8 JSON/);
  });

  it('refuses structurally malformed payloads: wrong version, unknown kind, extra field', () => {
    const { payload } = sample();
    expect(reasonOf(signRaw(key, canonicalJson({ ...payload, v: 0 })))).toMatch(/malformed/);
    expect(reasonOf(signRaw(key, canonicalJson({ ...payload, v: '2' })))).toMatch(/malformed/);
    expect(reasonOf(signRaw(key, canonicalJson({ ...payload, kind: 'rumour' })))).toMatch(/malformed/);
    expect(reasonOf(signRaw(key, canonicalJson({ ...payload, extra: 1 })))).toMatch(/malformed/);
    expect(reasonOf(signRaw(key, canonicalJson({ ...payload, seq: 0 })))).toMatch(/malformed/);
  });

  it('reports the hash of the bytes it refused, so the refusal can be quarantined by hash', () => {
    const bytes = sample().bytes.slice();
    bytes[0]! ^= 0xff;
    const result = decode(bytes);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.hash).toBe(recordHash(bytes));
  });

  it('refuses a validly signed payload nested 6,000 deep with a reason, never a stack overflow', () => {
    const text = `{"author":"${key.publicKey}","body":${'{"a":'.repeat(6_000)}1${'}'.repeat(6_000)},"kind":"batch","seq":1,"subject":"batch:x","ts":1,"v":1}`;
    expect(reasonOf(signRaw(key, text))).toMatch(/over the limits: JSON nests deeper than 32 levels/);
  });

  it('refuses a payload over the size limit unread', () => {
    const huge = signRaw(key, `"${'x'.repeat(RECORD_JSON_LIMITS.maxLength)}"`);
    expect(reasonOf(huge)).toMatch(/exceeds the limit/);
  });

  it('reads every legitimate record within the limits: a full batch, a listing with every field at its longest', () => {
    const hashes = Array.from({ length: MAX_BATCH_HASHES }, (_, i) => i.toString(16).padStart(64, '0'));
    const batch = signRecord(key, draftOf('batch', `batch:${hashes[0]}`, 1, { hashes }, 1));
    expect(decode(batch.bytes).ok).toBe(true);
    const accuracyBps = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`task-${i}`, 10_000]));
    const long = { ...LISTING, name: 'n'.repeat(120), description: 'é'.repeat(4_000), tasks: Array.from({ length: 16 }, (_, i) => `task-${i}`), claimed: { ...LISTING.claimed, accuracyBps } };
    const listing = signRecord(key, draftOf('listing', `${key.publicKey}:${LISTING.slug}`, 1, long, 1));
    expect(decode(listing.bytes).ok).toBe(true);
  });

  it('sets a newer record format apart from a malformed one: not understood yet, not forged', () => {
    const { payload } = sample();
    const result = decode(signRaw(key, canonicalJson({ ...payload, v: 2, capability: { streaming: true } })));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/format v2 is newer than this engine's v1/), newer: { v: 2, author: key.publicKey, kind: 'profile' } });
  });

  it('skips only the signature check when given no verifier', () => {
    const bytes = sample().bytes.slice();
    bytes[5]! ^= 0x01;
    expect(decodeRecord(bytes, null).ok).toBe(true);
    expect(decodeRecord(signRaw(key, JSON.stringify(sample().payload, null, 2)), null).ok).toBe(false);
  });
});

describe('SignatureVerifier', () => {
  it('refuses a public key that is not a valid Ed25519 key instead of throwing', () => {
    const record = sample();
    const verifier = new SignatureVerifier();
    expect(verifier.verify('not-a-key', record.bytes.subarray(SIGNATURE_BYTES), record.bytes.subarray(0, SIGNATURE_BYTES))).toBe(false);
    expect(verifier.verify(key.publicKey, record.bytes.subarray(SIGNATURE_BYTES), record.bytes.subarray(0, SIGNATURE_BYTES))).toBe(true);
  });
});
