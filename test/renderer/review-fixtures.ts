import type { CommandOutput } from '../../src-shared/contract';
import type { ReviewSummary, ReviewView } from '../../src-shared/reviews';
import type { PeerView, SyncStatus } from '../../src-shared/sync';
import { fakeKey, IDENTITY_KEY } from './fixtures';
import { hashOf } from './ledger-fixtures';

let reviews = 0;

/** A review as reviews.list answers it; override what the test is about. */
export function makeReview(modelId: string, overrides: Partial<ReviewView> = {}): ReviewView {
  reviews += 1;
  return {
    hash: hashOf(50_000 + reviews),
    modelId,
    reviewer: fakeKey(`reviewer${reviews}`),
    rating: 4,
    text: 'Solid answers.',
    task: null,
    chargeHash: null,
    verified: false,
    heldUntil: null,
    weightPct: 20,
    seq: 1,
    ts: 1_700_000_000_000 + reviews * 1_000,
    receivedAt: 1_700_000_000_000 + reviews * 1_000,
    edited: false,
    reply: null,
    mine: false,
    ...overrides,
  };
}

export function makeSummary(modelId: string, overrides: Partial<ReviewSummary> = {}): ReviewSummary {
  return {
    modelId,
    task: null,
    count: 0,
    verified: 0,
    held: 0,
    averageX100: null,
    meanX100: null,
    histogram: [0, 0, 0, 0, 0],
    trend: { last30X100: null, previous30X100: null },
    feedback: { up: 0, down: 0 },
    ...overrides,
  };
}

export type Report = CommandOutput<'evals.reports'>[number];

export function makeReport(modelId: string, overrides: Partial<Report> = {}): Report {
  return {
    hash: hashOf(60_000 + (overrides.ts ?? 1)),
    modelId,
    task: 'code',
    evaluator: IDENTITY_KEY,
    source: 'measured',
    standing: 'counted',
    standingReason: null,
    suite: 'code-v1',
    cases: 3,
    passed: 2,
    accuracyBps: 6_667,
    latencyP50Ms: 240,
    ts: 1_700_000_500_000,
    ...overrides,
  };
}

export function makePeer(overrides: Partial<PeerView> = {}): PeerView {
  return {
    key: fakeKey('peerRemote'),
    address: '192.168.1.20:5319',
    source: 'manual',
    connected: true,
    direction: 'out',
    enabled: true,
    lastSeenAt: Date.now() - 5_000,
    lastSyncAt: Date.now() - 12_000,
    lastError: null,
    nextAttemptAt: null,
    ...overrides,
  };
}

export function makeSyncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    peerKey: fakeKey('deviceLocal'),
    marketplaceId: fakeKey('treasuryDemo'),
    listening: { host: '0.0.0.0', port: 5319 },
    lanSharing: true,
    mdns: 'on',
    peers: [],
    lastSyncAt: null,
    pending: { docs: 0, records: 0 },
    progress: { active: false, docsKnown: 10, docsReady: 10, recordsReceived: 0, recordsProcessed: 0 },
    counts: { docs: 10, missingDocs: 0, records: 120, quarantined: 0, conflicts: 0, truncations: 0 },
    digest: 'ab'.repeat(32),
    ...overrides,
  };
}
