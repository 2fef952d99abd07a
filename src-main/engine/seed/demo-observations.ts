import type { ObservationBody } from '../../../src-shared/domain';
import type { Engine } from '../engine';
import type { SigningKey } from '../identity/keys';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';
import { observationDocOf } from '../routing/observations';
import type { DemoCall } from './demo-ledger';

/**
 * What the demo's callers observed: one signed observation per charged call, plus the failed
 * attempts that no charge records (about one call in twelve failed once before it answered), so the
 * demo's busiest models show measured latency and success next to their claims.
 */
export async function seedDemoObservations(engine: Engine, calls: DemoCall[], random: () => number): Promise<void> {
  const byDevice = new Map<SigningKey, { identity: string; records: SignedRecord[]; seq: number }>();
  for (const call of [...calls].sort((a, b) => a.ts - b.ts)) {
    let signer = byDevice.get(call.device);
    if (!signer) byDevice.set(call.device, (signer = { identity: call.identity, records: [], seq: 0 }));
    const task = engine.catalog.listing(call.modelId)?.tasks[0] ?? 'chat';
    const base = { modelId: call.modelId, task, decisionId: call.decisionId, identity: call.identity };
    const observed: ObservationBody[] = [];
    if (random() < 1 / 12) {
      observed.push({ ...base, ok: false, failure: random() < 0.5 ? 'timeout' : 'http-error', latencyMs: 1_000 + Math.floor(random() * 9_000), inputTokens: 0, outputTokens: 0, usageEstimated: true });
    }
    observed.push({ ...base, ok: true, latencyMs: call.latencyMs, inputTokens: call.inputTokens, outputTokens: call.outputTokens, usageEstimated: call.usageEstimated });
    for (const body of observed) {
      signer.records.push(signRecord(call.device, draftOf('observation', `observations:${call.device.publicKey}`, ++signer.seq, body, call.ts)));
    }
  }
  for (const { identity, records } of byDevice.values()) {
    const byDoc = new Map<string, SignedRecord[]>();
    for (const r of records) {
      const doc = observationDocOf(identity, r.payload.ts);
      byDoc.set(doc, [...(byDoc.get(doc) ?? []), r]);
    }
    for (const [doc, list] of byDoc) await engine.publish(doc, list);
  }
}
