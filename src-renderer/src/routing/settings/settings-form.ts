import type { RoutingSettings, Strategy, Weights } from '../../../../src-shared/routing';
import { creditsText, optional, parseCredits, parsePercentBps, parseWhole, percentText } from '../../format/parse-input';

export const WEIGHT_KEYS = ['quality', 'price', 'latency', 'reliability'] as const satisfies ReadonlyArray<keyof Weights>;

/** The settings form as typed: numbers as text until they parse, money in credits, exploration in %. */
export interface SettingsText {
  strategy: Strategy;
  weights: Record<keyof Weights, string>;
  /** Credits; empty = no budget. */
  daily: string;
  monthly: string;
  timeoutMs: string;
  retries: string;
  maxFallbacks: string;
  /** Percent. */
  exploration: string;
}
export type SettingsField = Exclude<keyof SettingsText, 'weights' | 'strategy'> | keyof Weights | 'weightsAll';
export type SettingsProblems = Partial<Record<SettingsField, string>>;

export function settingsTextOf(s: RoutingSettings): SettingsText {
  return {
    strategy: s.strategy,
    weights: { quality: String(s.weights.quality), price: String(s.weights.price), latency: String(s.weights.latency), reliability: String(s.weights.reliability) },
    daily: s.budgets.dailyMicro === null ? '' : creditsText(s.budgets.dailyMicro),
    monthly: s.budgets.monthlyMicro === null ? '' : creditsText(s.budgets.monthlyMicro),
    timeoutMs: String(s.timeoutMs),
    retries: String(s.retries),
    maxFallbacks: String(s.maxFallbacks),
    exploration: percentText(s.explorationBps),
  };
}

/** Text → the exact RoutingSettings the contract takes, within its limits, or what is wrong. */
export function parseSettingsText(text: SettingsText): { settings: RoutingSettings | null; problems: SettingsProblems } {
  const problems: SettingsProblems = {};
  const weights = {} as Weights;
  for (const key of WEIGHT_KEYS) {
    const parsed = parseWhole(text.weights[key], { label: `${key[0]!.toUpperCase()}${key.slice(1)} weight`, max: 100 });
    if (parsed.ok) weights[key] = parsed.value;
    else problems[key] = parsed.message;
  }
  if (WEIGHT_KEYS.every((k) => weights[k] === 0)) problems.weightsAll = 'At least one weight must be above 0, or every model scores the same.';
  const daily = optional(text.daily, (t) => parseCredits(t, { label: 'Daily budget' }));
  const monthly = optional(text.monthly, (t) => parseCredits(t, { label: 'Monthly budget' }));
  const timeout = parseWhole(text.timeoutMs, { label: 'Timeout', min: 1_000, max: 600_000 });
  const retries = parseWhole(text.retries, { label: 'Retries', max: 5 });
  const fallbacks = parseWhole(text.maxFallbacks, { label: 'Fallbacks', max: 10 });
  const exploration = parsePercentBps(text.exploration, 'Exploration');
  if (daily && !daily.ok) problems.daily = daily.message;
  if (monthly && !monthly.ok) problems.monthly = monthly.message;
  if (!timeout.ok) problems.timeoutMs = timeout.message;
  if (!retries.ok) problems.retries = retries.message;
  if (!fallbacks.ok) problems.maxFallbacks = fallbacks.message;
  if (!exploration.ok) problems.exploration = exploration.message;
  if (Object.keys(problems).length > 0 || !timeout.ok || !retries.ok || !fallbacks.ok || !exploration.ok) return { settings: null, problems };
  return {
    settings: {
      strategy: text.strategy,
      weights,
      budgets: { dailyMicro: daily?.ok ? daily.value : null, monthlyMicro: monthly?.ok ? monthly.value : null },
      timeoutMs: timeout.value,
      retries: retries.value,
      maxFallbacks: fallbacks.value,
      explorationBps: exploration.value,
    },
    problems,
  };
}

/** routing.setSettings issue paths → form fields ("budgets.dailyMicro" → daily, "weights.price" → price). */
export function settingsFieldOf(path: string): SettingsField | null {
  if (path.startsWith('weights.')) {
    const key = path.slice('weights.'.length);
    return (WEIGHT_KEYS as readonly string[]).includes(key) ? (key as keyof Weights) : null;
  }
  const map: Record<string, SettingsField> = {
    'budgets.dailyMicro': 'daily',
    'budgets.monthlyMicro': 'monthly',
    timeoutMs: 'timeoutMs',
    retries: 'retries',
    maxFallbacks: 'maxFallbacks',
    explorationBps: 'exploration',
  };
  return map[path] ?? null;
}
