import { randomUUID } from 'node:crypto';
import type { CatalogItem } from '../../../src-shared/catalog';
import type { ObservationBody } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { CallResult, Candidate, Plan, RouteInput } from '../../../src-shared/routing';
import { Cooldowns } from '../providers/cooldown';
import { callChatCompletion, estimateInputTokens, estimateTokens, type ProviderOutcome } from '../providers/openai-client';
import { draftOf, signRecord, type SignedRecord } from '../records/signed';
import { remainingBudget } from './budget';
import type { PublishBatch } from '../publisher';
import type { RouterContext, RouterParts } from './context';
import type { ChargeRequest } from './ledger-port';
import { observationDocOf } from './observations';
import { plan } from './planner';
import { randomFromSeed } from './sampling';
import { TaskTables } from './task-table';

type Attempt = CallResult['attempts'][number];

const TOP_CANDIDATES = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Decides, calls, falls back, charges once and records what it observed. */
export class Router {
  private observationQueue: Promise<unknown> = Promise.resolve();
  private readonly tables: TaskTables;

  constructor(
    private readonly context: RouterContext,
    readonly parts: RouterParts,
  ) {
    this.tables = new TaskTables((id) => parts.stats.get(id), () => parts.stats.version);
  }

  close(): void {
    this.parts.decisions.close();
  }

  /** 48 random bits after the time; from randomUUID, which draws from a buffered pool (randomBytes cost ~20 µs a call). */
  newDecisionId(): string {
    const random = randomUUID();
    return `d${this.context.clock().toString(36)}${random.slice(0, 8)}${random.slice(9, 13)}`;
  }

  plan(input: RouteInput, decisionId: string, forCall: boolean, settings = this.parts.settings.get()): { plan: Plan; ranked: Candidate[] } {
    const started = performance.now();
    const now = this.context.clock();
    const strategy = input.strategy ?? settings.strategy;
    const inputTokens = estimateInputTokens(input.messages);
    const items = this.context.catalog.byTask(input.task);
    const result = plan({
      task: input.task,
      items,
      table: this.tables.of(input.task, items),
      constraints: input.constraints ?? {},
      strategy,
      weights: settings.weights,
      inputTokens,
      outputTokens: input.expectedOutputTokens ?? null,
      stats: (id) => this.parts.stats.get(id),
      inCooldown: this.parts.cooldowns.anyCooling(now)
        ? (item) => this.parts.cooldowns.isCooling(Cooldowns.keyOf(item.endpoint.baseUrl, item.endpoint.model), now)
        : () => false,
      remainingBudget: remainingBudget(settings.budgets, (since) => this.parts.ledger.spentSince(since), now),
      balance: forCall ? this.parts.ledger.balance() : null,
      explorationBps: settings.explorationBps,
      random: randomFromSeed(decisionId),
      explain: input.explainAll === true,
      keep: Math.max(TOP_CANDIDATES, 1 + settings.maxFallbacks),
    });
    const decided: Plan = {
      decisionId,
      task: input.task,
      strategy,
      weights: settings.weights,
      estimate: { inputTokens, ...result.ranked[0]!.output },
      chosen: result.ranked[0]!,
      candidates: result.ranked.slice(0, TOP_CANDIDATES),
      considered: result.considered,
      excluded: result.excluded,
      ...(input.explainAll ? { excludedModels: result.excludedModels } : {}),
      decidedInMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
    return { plan: decided, ranked: result.ranked };
  }

  async call(input: RouteInput, decisionId = this.newDecisionId()): Promise<CallResult> {
    if (this.parts.decisions.has(decisionId)) throw new AppError('CONFLICT', `Decision ${decisionId} was already made`, { decisionId });
    const settings = this.parts.settings.get();
    const { plan: decided, ranked } = this.plan(input, decisionId, true, settings);
    const attempts: Attempt[] = [];
    const observations: ObservationBody[] = [];
    const stream = input.stream ?? false;
    for (const candidate of ranked.slice(0, 1 + settings.maxFallbacks)) {
      const item = this.context.catalog.get(candidate.modelId);
      if (!item?.price) continue;
      const outcome = await this.tryModel(item, input, decided, attempts, observations, stream, settings.retries, settings.timeoutMs, decisionId);
      if (outcome?.ok) return this.succeed(item, input, decided, outcome, attempts, observations, decisionId);
    }
    await this.record(observations);
    await this.log(decided, input, null, false, 0, 0, null, attempts.at(-1)?.message ?? 'no candidate answered');
    throw new AppError('PROVIDER_FAILED', `Every candidate failed (${attempts.length} attempts); nothing was charged`, { decisionId, attempts });
  }

  private async tryModel(
    item: CatalogItem,
    input: RouteInput,
    decided: Plan,
    attempts: Attempt[],
    observations: ObservationBody[],
    stream: boolean,
    retries: number,
    timeoutMs: number,
    decisionId: string,
  ): Promise<ProviderOutcome | null> {
    const key = Cooldowns.keyOf(item.endpoint.baseUrl, item.endpoint.model);
    for (let attempt = 1; attempt <= 1 + retries; attempt++) {
      if (this.parts.cooldowns.isCooling(key, this.context.clock())) {
        attempts.push({ modelId: item.id, try: attempt, outcome: 'cooldown', status: null, message: 'endpoint cooling down after repeated failures', latencyMs: 0 });
        return null;
      }
      let streamed = false;
      const outcome = await callChatCompletion({
        baseUrl: item.endpoint.baseUrl,
        model: item.endpoint.model,
        apiKey: this.parts.keys.keyFor(item.endpoint.baseUrl),
        messages: input.messages,
        // Only the caller's limit: an estimate (learned or default) must never cut an answer short.
        maxTokens: input.expectedOutputTokens,
        stream,
        timeoutMs,
        onDelta: (text) => {
          streamed = true;
          this.context.emit('route.delta', { decisionId, modelId: item.id, text, reset: false });
        },
      });
      observations.push({
        modelId: item.id,
        task: input.task,
        decisionId,
        identity: this.context.signer.identity.publicKey,
        ok: outcome.ok,
        ...(outcome.ok ? {} : { failure: outcome.kind }),
        latencyMs: outcome.latencyMs,
        inputTokens: outcome.ok ? (outcome.usage?.inputTokens ?? decided.estimate.inputTokens) : 0,
        outputTokens: outcome.ok ? (outcome.usage?.outputTokens ?? estimateTokens(outcome.content)) : 0,
        usageEstimated: !outcome.ok || outcome.usage === null,
      });
      if (outcome.ok) {
        this.parts.cooldowns.succeeded(key);
        attempts.push({ modelId: item.id, try: attempt, outcome: 'ok', status: 200, message: null, latencyMs: outcome.latencyMs });
        return outcome;
      }
      this.parts.cooldowns.failed(key, this.context.clock());
      attempts.push({ modelId: item.id, try: attempt, outcome: outcome.kind, status: outcome.status, message: outcome.message, latencyMs: outcome.latencyMs });
      if (streamed) this.context.emit('route.delta', { decisionId, modelId: item.id, text: '', reset: true });
      if (!outcome.retryable) return outcome;
      if (attempt <= retries) await sleep(100 * 2 ** (attempt - 1));
    }
    return null;
  }

  private async succeed(
    item: CatalogItem,
    input: RouteInput,
    decided: Plan,
    outcome: Extract<ProviderOutcome, { ok: true }>,
    attempts: Attempt[],
    observations: ObservationBody[],
    decisionId: string,
  ): Promise<CallResult> {
    const usage = outcome.usage
      ? { ...outcome.usage, estimated: false }
      : { inputTokens: decided.estimate.inputTokens, outputTokens: estimateTokens(outcome.content), estimated: true };
    // The price in force when the call was made, for the model that answered: one charge, whatever
    // the retries.
    const charge = await this.chargeAndRecord(
      {
        id: `call-${decisionId}`,
        modelId: item.id,
        producerKey: item.producerKey,
        price: item.price!,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
        usageEstimated: usage.estimated,
        latencyMs: outcome.latencyMs,
        decisionId,
      },
      observations,
    );
    await this.log(decided, input, item.id, true, charge.cost, outcome.latencyMs, charge.hash, null);
    return {
      decisionId,
      plan: decided,
      modelId: item.id,
      modelName: item.name,
      content: outcome.content,
      usage,
      latencyMs: outcome.latencyMs,
      cost: charge.cost,
      chargeHash: charge.hash,
      attempts,
      simulated: outcome.simulated,
    };
  }

  /**
   * The charge and the call's observations, signed together and made durable in one write that
   * does not wait for the turn to end; they take effect in memory right after the answer
   * (Publisher). Observations are recorded even when the charge is refused before it is signed.
   */
  private async chargeAndRecord(request: ChargeRequest, observations: ObservationBody[]): Promise<{ hash: string; cost: number }> {
    let signed = false;
    const alongside = () => {
      signed = true;
      return this.signObservations(observations);
    };
    const run = this.observationQueue.then(() => this.parts.ledger.charge(request, alongside));
    this.observationQueue = run.catch(() => undefined);
    try {
      return await run;
    } catch (error) {
      if (!signed) await this.record(observations).catch(() => undefined);
      throw error;
    }
  }

  /** Observations are signed by this device and published in order (seq never repeats). */
  private record(observations: ObservationBody[]): Promise<void> {
    if (observations.length === 0) return Promise.resolve();
    const run = this.observationQueue.then(() => this.context.publisher.publishAcknowledged(this.signObservations(observations)));
    this.observationQueue = run.catch(() => undefined);
    return run;
  }

  /** Runs inside the observation queue; observations acknowledged before take effect first, so their seqs count. */
  private signObservations(observations: ObservationBody[]): PublishBatch[] {
    if (observations.length === 0) return [];
    this.context.publisher.catchUp();
    const device = this.context.signer.device;
    const now = this.context.clock();
    let seq = this.parts.stats.nextSeq(device.publicKey);
    const records: SignedRecord[] = observations.map((body) => signRecord(device, draftOf('observation', `observations:${device.publicKey}`, seq++, body, now)));
    return [{ doc: observationDocOf(this.context.signer.identity.publicKey, now), records }];
  }

  private async log(decided: Plan, input: RouteInput, answeredBy: string | null, ok: boolean, cost: number, latencyMs: number, chargeHash: string | null, error: string | null): Promise<void> {
    const prompt = input.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
    const decision = {
      decisionId: decided.decisionId,
      ts: this.context.clock(),
      task: decided.task,
      strategy: decided.strategy,
      chosen: decided.chosen.modelId,
      answeredBy,
      ok,
      cost,
      latencyMs,
      chargeHash,
      error,
      prompt: prompt.slice(0, 300),
    };
    await this.parts.decisions.add(decision);
    this.context.emit('route.decided', decision);
  }
}
