/**
 * Limits on JSON that arrives from anyone else (a peer's record, a file, a request body), checked by
 * one linear, non-recursive scan of the text BEFORE anything recursive (a schema, a canonical-form
 * check, a tree walk) touches the value. A record nested 6,000 levels deep is refused here with a
 * reason instead of overflowing the stack of every engine that syncs it (docs/security.md).
 */
export interface JsonLimits {
  /** Characters of the text (UTF-16 code units). */
  maxLength: number;
  /** Nesting of arrays and objects; the top-level value is depth 1. */
  maxDepth: number;
  /** Keys of one object. */
  maxKeys: number;
  /** Items of one array. */
  maxItems: number;
}

/** What a signed record's payload may be: a batch lists 4,096 hashes (≈ 270 kB); bodies are shallow. */
export const RECORD_JSON_LIMITS: JsonLimits = { maxLength: 1024 * 1024, maxDepth: 32, maxKeys: 1024, maxItems: 8192 };

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/**
 * Why `text` breaks `limits`, or null when it keeps them. It only counts structure (it does not
 * validate JSON: JSON.parse does that afterwards, natively and without recursion in JS).
 * Counts are per container: a stack of (kind, count) kept in two flat arrays, never recursion.
 */
export function jsonLimitProblem(text: string, limits: JsonLimits): string | null {
  if (text.length > limits.maxLength) return `JSON of ${text.length} characters exceeds the limit of ${limits.maxLength}`;
  const isObject: boolean[] = [];
  const counts: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = endOfString(text, i);
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
      if (depth > limits.maxDepth) return `JSON nests deeper than ${limits.maxDepth} levels`;
      isObject[depth - 1] = c === OPEN_OBJECT;
      counts[depth - 1] = 0;
      continue;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth > 0) depth--;
      continue;
    }
    if (c === COMMA && depth > 0) {
      // n commas separate n + 1 elements.
      const n = ++counts[depth - 1]!;
      if (isObject[depth - 1] ? n >= limits.maxKeys : n >= limits.maxItems) {
        return isObject[depth - 1] ? `a JSON object has more than ${limits.maxKeys} keys` : `a JSON array has more than ${limits.maxItems} items`;
      }
    }
  }
  return null;
}

/** Index of the closing quote of the string that opens at `start` (or the text's end, if unclosed). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return text.length;
}

export type BoundedParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** JSON.parse behind the limits: never throws, never recurses in JS over the input. */
export function parseBoundedJson(text: string, limits: JsonLimits): BoundedParse {
  const problem = jsonLimitProblem(text, limits);
  if (problem) return { ok: false, reason: problem };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${(error as Error).message}` };
  }
}
