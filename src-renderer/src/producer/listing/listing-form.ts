import type { CatalogItem } from '../../../../src-shared/catalog';
import type { CommandInput } from '../../../../src-shared/contract';
import { MODALITIES } from '../../../../src-shared/domain';
import { MAX_PRICE_MICRO } from '../../../../src-shared/money';
import { creditsText, parseCredits, parsePercentBps, parseWhole, percentText } from '../../format/parse-input';

export type Modality = (typeof MODALITIES)[number];
export type PublishInput = CommandInput<'models.publish'>;

/** The listing form as typed: text everywhere, so nothing is rounded before it is parsed exactly. */
export interface ListingValues {
  slug: string;
  name: string;
  description: string;
  tasks: string[];
  /** Comma-separated, as typed. */
  industries: string;
  modality: Modality;
  contextWindow: string;
  baseUrl: string;
  endpointModel: string;
  version: string;
  /** Claimed accuracy per task, percent as typed. */
  accuracy: Record<string, string>;
  latencyP50: string;
  latencyP95: string;
  successRate: string;
  throughput: string;
  /** The optional first price (new listings only), credits as typed. */
  priceIn: string;
  priceOut: string;
  priceRequest: string;
}

/** Field key → what is wrong with it; accuracy fields are keyed `accuracy.<task>`. */
export type ListingProblems = Record<string, string>;

// The same rules as the contract (src-shared/domain.ts), said before the round trip.
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const NAME_TOKEN = /^[a-z][a-z0-9-]{0,31}$/;

export function emptyListing(): ListingValues {
  return {
    slug: '',
    name: '',
    description: '',
    tasks: [],
    industries: '',
    modality: 'text',
    contextWindow: '32768',
    baseUrl: '',
    endpointModel: '',
    version: '1.0.0',
    accuracy: {},
    latencyP50: '',
    latencyP95: '',
    successRate: '',
    throughput: '',
    priceIn: '',
    priceOut: '',
    priceRequest: '',
  };
}

/**
 * An existing listing back into the form. The catalog shows each metric's current figure: the
 * claim, or a measurement where one exists, so editing starts from what users see today.
 */
export function listingFromItem(item: CatalogItem): ListingValues {
  const m = item.metrics;
  return {
    ...emptyListing(),
    slug: item.slug,
    name: item.name,
    description: item.description,
    tasks: [...item.tasks],
    industries: item.industries.join(', '),
    modality: item.modality,
    contextWindow: String(item.contextWindow),
    baseUrl: item.endpoint.baseUrl,
    endpointModel: item.endpoint.model,
    version: item.version,
    accuracy: Object.fromEntries(item.tasks.map((task) => [task, m.accuracyBps[task] ? percentText(m.accuracyBps[task].value) : ''])),
    latencyP50: String(m.latencyP50Ms.value),
    latencyP95: String(m.latencyP95Ms.value),
    successRate: percentText(m.successRateBps.value),
    throughput: String(m.throughputTps.value),
    ...(item.price
      ? { priceIn: creditsText(item.price.inputPer1M), priceOut: creditsText(item.price.outputPer1M), priceRequest: creditsText(item.price.perRequest) }
      : {}),
  };
}

/**
 * Form fields whose starting value is a measurement, not the producer's claim: catalog.get shows
 * the figure users see, and the claim behind a measured figure is not part of it.
 */
export function measuredFields(item: CatalogItem): Set<string> {
  const m = item.metrics;
  const fields = new Set<string>();
  for (const [task, metric] of Object.entries(m.accuracyBps)) if (metric.source !== 'claimed') fields.add(`accuracy.${task}`);
  if (m.latencyP50Ms.source !== 'claimed') fields.add('latencyP50');
  if (m.latencyP95Ms.source !== 'claimed') fields.add('latencyP95');
  if (m.successRateBps.source !== 'claimed') fields.add('successRate');
  if (m.throughputTps.source !== 'claimed') fields.add('throughput');
  return fields;
}

/** A slug suggested from the name while the producer has not typed one: "Helpdesk Triage 7B" → "helpdesk-triage-7b". */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function httpUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'Enter the base URL of the OpenAI-compatible endpoint, e.g. https://api.example.com/v1.';
  if (value.length > 500) return 'Use at most 500 characters.';
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The endpoint must be an http or https URL.';
  } catch {
    return 'Enter a full URL starting with https:// or http://.';
  }
  return null;
}

/**
 * Validates the form and builds the models.publish input. New listings may carry a first price
 * (given when input or output price is typed; an empty per-request fee is 0); edits never do,
 * prices change in the Pricing screen where their market effect is shown.
 */
export function buildPublishInput(values: ListingValues, mode: 'new' | 'edit'): { ok: true; input: PublishInput } | { ok: false; problems: ListingProblems } {
  const problems: ListingProblems = {};
  const slug = values.slug.trim();
  if (!SLUG.test(slug)) problems.slug = 'Use 1–63 lowercase letters, digits or dashes, starting with a letter or digit.';
  const name = values.name.trim();
  if (name === '') problems.name = 'Give the model a name.';
  else if (name.length > 120) problems.name = 'Use at most 120 characters.';
  if (values.description.length > 4_000) problems.description = 'Use at most 4,000 characters.';

  if (values.tasks.length === 0) problems.tasks = 'Pick at least one task the model is good at.';
  else if (values.tasks.length > 16) problems.tasks = 'List at most 16 tasks.';
  else if (values.tasks.some((t) => !NAME_TOKEN.test(t))) problems.tasks = 'Task names are lowercase letters, digits and dashes.';
  const industries = splitList(values.industries);
  if (industries.length > 16) problems.industries = 'List at most 16 industries.';
  else if (industries.some((i) => !NAME_TOKEN.test(i))) problems.industries = 'Industries are lowercase words (letters, digits, dashes), separated by commas.';

  const contextWindow = parseWhole(values.contextWindow, { label: 'Context window', min: 1, max: 100_000_000 });
  if (!contextWindow.ok) problems.contextWindow = contextWindow.message;
  const url = httpUrlProblem(values.baseUrl);
  if (url) problems.baseUrl = url;
  const endpointModel = values.endpointModel.trim();
  if (endpointModel === '' || endpointModel.length > 200) problems.endpointModel = 'Enter the model name the endpoint expects (1–200 characters).';
  const version = values.version.trim();
  if (version === '' || version.length > 40) problems.version = 'Enter a version (1–40 characters), e.g. 1.0.0.';

  const accuracyBps: Record<string, number> = {};
  for (const task of values.tasks) {
    const parsed = parsePercentBps(values.accuracy[task] ?? '', `Accuracy for ${task}`);
    if (parsed.ok) accuracyBps[task] = parsed.value;
    else problems[`accuracy.${task}`] = parsed.message;
  }
  const p50 = parseWhole(values.latencyP50, { label: 'Latency p50', max: 600_000 });
  const p95 = parseWhole(values.latencyP95, { label: 'Latency p95', max: 600_000 });
  if (!p50.ok) problems.latencyP50 = p50.message;
  if (!p95.ok) problems.latencyP95 = p95.message;
  else if (p50.ok && p95.value < p50.value) problems.latencyP95 = 'p95 latency cannot be lower than p50.';
  const success = parsePercentBps(values.successRate, 'Success rate');
  if (!success.ok) problems.successRate = success.message;
  const throughput = parseWhole(values.throughput, { label: 'Throughput', max: 1_000_000 });
  if (!throughput.ok) problems.throughput = throughput.message;

  let price: PublishInput['price'];
  if (mode === 'new' && (values.priceIn.trim() !== '' || values.priceOut.trim() !== '')) {
    const max = MAX_PRICE_MICRO;
    const pIn = parseCredits(values.priceIn, { label: 'Input price', max });
    const pOut = parseCredits(values.priceOut, { label: 'Output price', max });
    const pReq = values.priceRequest.trim() === '' ? ({ ok: true, value: 0 } as const) : parseCredits(values.priceRequest, { label: 'Per-request price', max });
    if (!pIn.ok) problems.priceIn = pIn.message;
    if (!pOut.ok) problems.priceOut = pOut.message;
    if (!pReq.ok) problems.priceRequest = pReq.message;
    if (pIn.ok && pOut.ok && pReq.ok) price = { inputPer1M: pIn.value, outputPer1M: pOut.value, perRequest: pReq.value };
  }

  if (Object.keys(problems).length > 0 || !contextWindow.ok || !p50.ok || !p95.ok || !success.ok || !throughput.ok) return { ok: false, problems };
  return {
    ok: true,
    input: {
      slug,
      name,
      description: values.description,
      tasks: values.tasks,
      industries,
      modality: values.modality,
      contextWindow: contextWindow.value,
      endpoint: { baseUrl: values.baseUrl.trim(), model: endpointModel },
      version,
      claimed: {
        accuracyBps,
        latencyP50Ms: p50.value,
        latencyP95Ms: p95.value,
        successRateBps: success.value,
        throughputTps: throughput.value,
      },
      ...(price ? { price } : {}),
    },
  };
}

const ISSUE_FIELDS: Record<string, string> = {
  'endpoint.baseUrl': 'baseUrl',
  'endpoint.model': 'endpointModel',
  'claimed.latencyP50Ms': 'latencyP50',
  'claimed.latencyP95Ms': 'latencyP95',
  'claimed.successRateBps': 'successRate',
  'claimed.throughputTps': 'throughput',
  'price.inputPer1M': 'priceIn',
  'price.outputPer1M': 'priceOut',
  'price.perRequest': 'priceRequest',
};

/** An INVALID_INPUT issue path of models.publish → the form field that shows it. */
export function listingFieldOf(path: string): string | null {
  if (ISSUE_FIELDS[path]) return ISSUE_FIELDS[path];
  const accuracy = /^claimed\.accuracyBps\.(.+)$/.exec(path);
  if (accuracy) return `accuracy.${accuracy[1]}`;
  const top = path.split('.')[0] ?? '';
  return ['slug', 'name', 'description', 'tasks', 'industries', 'modality', 'contextWindow', 'version'].includes(top) ? top : null;
}
