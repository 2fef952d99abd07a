import type { Strategy } from '../../../src-shared/routing';

/** Which producers a call may go to: any, only the picked ones, or all but the picked ones. */
export type ProducerMode = 'any' | 'allow' | 'deny';

/**
 * The Route playground as typed. Like the catalog filters, numbers stay text until they parse
 * exactly: a half-typed "0." must survive a re-render and a trip to another screen.
 */
export interface PlaygroundText {
  prompt: string;
  /** '' = inferred from the prompt (classifyTask); otherwise the task the user chose. */
  task: string;
  /** null: the default strategy of the routing settings. */
  strategy: Strategy | null;
  /** Credits per call. */
  maxCost: string;
  /** Percent. */
  minAccuracy: string;
  /** Milliseconds. */
  maxLatency: string;
  measuredOnly: boolean;
  producerMode: ProducerMode;
  /** Producer keys the mode applies to. */
  producers: string[];
  outputTokens: string;
}

export const INITIAL_PLAYGROUND: PlaygroundText = {
  prompt: '',
  task: '',
  strategy: null,
  maxCost: '',
  minAccuracy: '',
  maxLatency: '',
  measuredOnly: false,
  producerMode: 'any',
  producers: [],
  outputTokens: '',
};
