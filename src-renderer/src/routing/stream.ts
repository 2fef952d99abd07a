import type { EventPayload } from '../../../src-shared/contract';
import { randomId } from '../client/random-id';

export type Delta = EventPayload<'route.delta'>;

/** route.call's decisionId must match /^[A-Za-z0-9_-]{8,64}$/: "pg-" and 22 base64url characters. */
export function newDecisionId(): string {
  return randomId('pg-', 16);
}

/** The answer as it streams in for one decision. */
export interface StreamState {
  decisionId: string;
  text: string;
  /** The model whose text is showing. */
  modelId: string | null;
  /** Deltas received for this decision (resets included). */
  deltas: number;
  /** Models that failed mid-answer; their text was thrown away and the next model started over. */
  resets: string[];
}

export function startStream(decisionId: string): StreamState {
  return { decisionId, text: '', modelId: null, deltas: 0, resets: [] };
}

/**
 * route.delta events go to every window and carry the decision they belong to: anything for
 * another decision is ignored. A reset means the model failed part way and a fallback answers, so
 * what it had written so far is cleared rather than mixed with the next model's answer.
 */
export function applyDelta(state: StreamState, delta: Delta): StreamState {
  if (delta.decisionId !== state.decisionId) return state;
  if (delta.reset) return { ...state, text: '', modelId: null, deltas: state.deltas + 1, resets: [...state.resets, delta.modelId] };
  return { ...state, text: state.text + delta.text, modelId: delta.modelId, deltas: state.deltas + 1 };
}
