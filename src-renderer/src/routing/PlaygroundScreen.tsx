import { useMemo, useState } from 'react';
import { LoadingState } from '../shell/StatusViews';
import { useUiStore } from '../state/ui-store';
import { AnswerView } from './AnswerView';
import { PinnedModel } from './PinnedModel';
import { PlanView } from './PlanView';
import { PlaygroundForm } from './PlaygroundForm';
import { RouteError } from './RouteError';
import { buildRouteInput } from './route-input';
import { usePlayground } from './usePlayground';

/**
 * Route playground: ask a question the way an application would. "Plan" shows which model the
 * router would pick and why (no call, no charge); "Send" makes the call, streams the answer in,
 * and shows who answered, what it cost and the charge in the ledger.
 */
export function PlaygroundScreen() {
  const text = useUiStore((s) => s.playground);
  const pinned = useUiStore((s) => s.pinnedModelId);
  const { input, problems } = useMemo(() => buildRouteInput(text, pinned), [text, pinned]);
  const [tried, setTried] = useState(false);
  const { plan, call, runPlan, send } = usePlayground();

  // Built from the store at the moment of the click, not from this render: a click can land before
  // React re-rendered with the last keystroke, and must still send what was typed.
  function attempt(run: (ready: NonNullable<typeof input>) => Promise<void>) {
    setTried(true);
    const now = useUiStore.getState();
    const ready = buildRouteInput(now.playground, now.pinnedModelId).input;
    if (ready) void run(ready);
  }

  return (
    <section className="screen" data-testid="playground" aria-label="Route playground">
      <div className="toolbar">
        <h1 className="screen-title">Route playground</h1>
        <span className="muted">Calls are real: each answer is charged to your wallet at the price in force.</span>
      </div>
      <div className="screen-scroll">
        {pinned && <PinnedModel id={pinned} />}
        <div className="playground-grid">
          <PlaygroundForm problems={problems} showProblems={tried} busy={call.status === 'running'} onPlan={() => attempt(runPlan)} onSend={() => attempt(send)} />
          <div className="playground-results">
            {call.status !== 'idle' && <AnswerView call={call} />}
            {plan.status === 'loading' && <LoadingState label="Planning…" testId="plan-loading" />}
            {plan.status === 'error' && (
              <section className="card" aria-label="Routing plan">
                <h2>Plan</h2>
                <RouteError error={plan.error} testId="plan-error" />
              </section>
            )}
            {plan.status === 'done' && <PlanView plan={plan.plan} />}
            {plan.status === 'idle' && call.status === 'idle' && (
              <section className="card muted" data-testid="playground-intro">
                <h2>How routing decides</h2>
                <p>
                  Hard constraints first: a model over your max cost, under your min accuracy or slower than your p95 limit is excluded, never just
                  ranked lower. The rest are scored on quality, price, latency and reliability with the weights of your Routing settings; the
                  strategy orders them. Plan shows the top candidates and how many models each constraint excluded.
                </p>
              </section>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
