/**
 * Canonical JSON: object keys sorted by UTF-16 code unit, no whitespace, integers only.
 * Signatures and hashes are computed over these bytes, so two peers (or an outside verifier)
 * always serialise a payload identically.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON allows safe integers only, got ${String(value)}`);
      }
      return String(value);
    case 'object': {
      // Built with += over one sorted key array: a record is serialised for every signature, and the
      // map/filter/join form cost twice as much.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const key of keys) {
        const item = obj[key];
        if (item === undefined) continue;
        out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
  }
}
