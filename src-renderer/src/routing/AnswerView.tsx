import type { CallResult } from '../../../src-shared/routing';
import { formatCount, formatMoney, formatMs } from '../format/numbers';
import { useUiStore } from '../state/ui-store';
import { Attempts, namesFrom } from './Attempts';
import { Feedback } from './Feedback';
import { RouteError } from './RouteError';
import type { CallState } from './usePlayground';

function Facts({ result }: { result: CallResult }) {
  const showLedgerEntry = useUiStore((s) => s.showLedgerEntry);
  const chosen = result.plan.chosen;
  return (
    <dl className="answer-facts">
      <div>
        <dt>Answered by</dt>
        <dd data-testid="answer-model" data-model-id={result.modelId}>
          <strong>{result.modelName}</strong>
          {result.simulated && (
            <span className="badge badge-simulated" title="Answered by the InfiniRoute provider simulator, not a real model" data-testid="answer-simulated">
              simulated
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Chosen</dt>
        <dd data-testid="answer-chosen" data-model-id={chosen.modelId}>
          {chosen.modelId === result.modelId ? 'the same model' : `${chosen.name} (fell back)`}
        </dd>
      </div>
      <div>
        <dt>Latency</dt>
        <dd data-testid="answer-latency">{formatMs(result.latencyMs)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd data-testid="answer-cost" data-micro={result.cost}>
          {formatMoney(result.cost)}
        </dd>
      </div>
      <div>
        <dt>Tokens in / out</dt>
        <dd>
          {formatCount(result.usage.inputTokens)} / {formatCount(result.usage.outputTokens)}
          {result.usage.estimated && <span className="muted" title="The endpoint reported no usage; estimated from the text"> ≈</span>}
        </dd>
      </div>
      <div>
        <dt>Charge</dt>
        <dd>
          <button type="button" className="link-button" onClick={() => showLedgerEntry(result.chargeHash)} data-testid="answer-charge-link" data-hash={result.chargeHash}>
            open in the ledger ({result.chargeHash.slice(0, 10)}…)
          </button>
        </dd>
      </div>
    </dl>
  );
}

/** The answer as it streams in, then the final one with who answered, what it cost and how it went. */
export function AnswerView({ call }: { call: Exclude<CallState, { status: 'idle' }> }) {
  const { stream } = call;
  const text = call.status === 'done' ? call.result.content : stream.text;
  const nameOf = call.status === 'done' ? namesFrom(call.result.plan.candidates) : (id: string) => id;
  return (
    <section className="card answer-view" aria-label="Answer" data-testid="answer" data-state={call.status} data-decision-id={stream.decisionId} data-deltas={stream.deltas}>
      <h2>Answer</h2>
      {stream.resets.length > 0 && (
        <p className="muted" data-testid="answer-resets">
          {stream.resets.length === 1 ? 'A model' : `${stream.resets.length} models`} failed part way through; the answer started over with the next candidate.
        </p>
      )}
      {(text !== '' || call.status === 'running') && (
        <div className="answer-text selectable" data-testid="answer-text" aria-live="polite">
          {text}
          {call.status === 'running' && <span className="caret" aria-hidden="true" />}
        </div>
      )}
      {call.status === 'running' && text === '' && <p className="muted">Routing and waiting for the first words…</p>}
      {call.status === 'error' && <RouteError error={call.error} testId="call-error" />}
      {call.status === 'done' && (
        <>
          <Facts result={call.result} />
          {call.result.attempts.length > 1 && (
            <>
              <h3>Attempts</h3>
              <Attempts attempts={call.result.attempts} nameOf={nameOf} />
            </>
          )}
          <Feedback key={call.result.decisionId} decisionId={call.result.decisionId} modelName={call.result.modelName} task={call.result.plan.task} />
        </>
      )}
    </section>
  );
}
