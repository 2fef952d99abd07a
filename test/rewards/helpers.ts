import type { SigningKey } from '../../src-main/engine/identity/keys';
import { epochsDocOf } from '../../src-main/engine/incentives/epoch-close';
import { closeDueEpochs } from '../../src-main/engine/incentives/epoch-closer';
import { closerPortsOf } from '../../src-main/engine/compose/rewards';
import { openTestEngine, type TestEngine } from '../catalog/helpers';
import { DAY, START, type Call, type Scenario } from './scenario';

/** An engine in the scenario's marketplace, on a clock the test moves. */
export async function marketEngine(s: Scenario, clock: () => number): Promise<TestEngine> {
  const t = await openTestEngine({ clock });
  await t.engine.adoptMarketplace(s.treasury.publicKey);
  return t;
}

export interface Honest {
  users: SigningKey[];
  calls: Map<string, Call[]>;
}

/**
 * Honest activity in epoch E: `users` identities each call every model `callsEach` times (latency
 * 400-700 ms), observe every call, review each model with `stars` on a verified charge and leave
 * one thumbs-up. Deterministic but for the keys.
 */
export function honestEpoch(s: Scenario, models: string[], options: { users?: number; callsEach?: number; stars?: number; keys?: SigningKey[] } = {}): Honest {
  const users = options.keys ?? Array.from({ length: options.users ?? 5 }, () => s.user());
  const calls = new Map<string, Call[]>();
  let ts = START + DAY;
  users.forEach((user, u) => {
    for (const modelId of models) {
      const mine: Call[] = [];
      for (let i = 0; i < (options.callsEach ?? 3); i++) {
        ts += 60_000;
        mine.push(s.call(user, modelId, ts, { latencyMs: 400 + ((u * 7 + i * 13) % 4) * 100 }));
      }
      ts += 60_000;
      s.review(user, modelId, options.stars ?? 4, mine[0]!.charge, ts);
      s.feedback(user, modelId, mine[0]!.decisionId, true, ts);
      calls.set(`${user.publicKey}|${modelId}`, mine);
    }
  });
  return { users, calls };
}

/**
 * The scenario's treasury closes every epoch past its grace, from what `t` holds (what the engine
 * holding a treasury key does by itself), and `peers` receive the closes as from sync.
 */
export async function closeEpochs(s: Scenario, t: TestEngine, peers: readonly TestEngine[] = []): Promise<number> {
  const closed = await closeDueEpochs(closerPortsOf(t.engine), s.treasury);
  const closes = t.engine.docs.records(epochsDocOf(s.treasury.publicKey)).map(([key, bytes]) => ({ doc: epochsDocOf(s.treasury.publicKey), key, bytes }));
  for (const peer of peers) await peer.engine.absorb(closes);
  return closed;
}
