import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { CallResult, Plan } from '../../../src-shared/routing';
import { useClient } from '../client/ClientContext';
import { asAppError } from '../client/errors';
import type { RouteInput } from './route-input';
import { applyDelta, newDecisionId, startStream, type StreamState } from './stream';

export type PlanState = { status: 'idle' } | { status: 'loading' } | { status: 'done'; plan: Plan } | { status: 'error'; error: AppError };

export type CallState =
  | { status: 'idle' }
  | { status: 'running'; stream: StreamState }
  | { status: 'done'; stream: StreamState; result: CallResult }
  | { status: 'error'; stream: StreamState; error: AppError };

/**
 * Plan and Send. Send names its decision before calling, subscribes to route.delta for that id
 * first, and only then calls: no delta can arrive before someone listens for it. Answers to an
 * older request than the latest are dropped, and Plan clears the previous answer.
 */
export function usePlayground() {
  const client = useClient();
  const [plan, setPlan] = useState<PlanState>({ status: 'idle' });
  const [call, setCall] = useState<CallState>({ status: 'idle' });
  const unsubscribe = useRef<(() => void) | null>(null);
  const latestPlan = useRef(0);

  useEffect(
    () => () => {
      unsubscribe.current?.();
      unsubscribe.current = null;
    },
    [],
  );

  const runPlan = useCallback(
    async (input: RouteInput) => {
      const ticket = ++latestPlan.current;
      // A new question: the last answer is not its answer, so it does not stay beside its plan or error.
      unsubscribe.current?.();
      unsubscribe.current = null;
      setCall({ status: 'idle' });
      setPlan({ status: 'loading' });
      try {
        const answer = await client.call('route.plan', input);
        if (ticket === latestPlan.current) setPlan({ status: 'done', plan: answer });
      } catch (error) {
        if (ticket === latestPlan.current) setPlan({ status: 'error', error: asAppError(error) });
      }
    },
    [client],
  );

  const send = useCallback(
    async (input: RouteInput) => {
      const decisionId = newDecisionId();
      const ours = (state: CallState) => state.status !== 'idle' && state.stream.decisionId === decisionId;
      unsubscribe.current?.();
      setCall({ status: 'running', stream: startStream(decisionId) });
      // Kept after the answer too: a delta that overtakes nothing still counts as received.
      unsubscribe.current = client.on('route.delta', (delta) => {
        if (delta.decisionId !== decisionId) return;
        setCall((state) => (ours(state) && state.status !== 'idle' ? { ...state, stream: applyDelta(state.stream, delta) } : state));
      });
      try {
        const result = await client.call('route.call', { ...input, stream: true, decisionId });
        setCall((state) => (ours(state) && state.status !== 'idle' ? { status: 'done', stream: state.stream, result } : state));
        // The plan the call was made with replaces whatever "Plan" showed before.
        ++latestPlan.current;
        setPlan({ status: 'done', plan: result.plan });
      } catch (error) {
        setCall((state) => (ours(state) && state.status !== 'idle' ? { status: 'error', stream: state.stream, error: asAppError(error) } : state));
      }
    },
    [client],
  );

  return { plan, call, runPlan, send };
}
