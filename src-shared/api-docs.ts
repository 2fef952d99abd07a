import { z } from 'zod';
import { commands, events, type CommandSpec } from './contract';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  additionalProperties?: JsonSchema | boolean;
  format?: string;
};

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  if (s.type === 'object' && !s.properties && typeof s.additionalProperties === 'object') return `record<string, ${typeOf(s.additionalProperties)}>`;
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'unknown';
}

function limitsOf(s: JsonSchema): string {
  const parts: string[] = [];
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined) parts.push(`length ≥ ${s.minLength}`);
  if (s.maxLength !== undefined) parts.push(`length ≤ ${s.maxLength}`);
  if (s.pattern !== undefined) parts.push(`pattern \`${s.pattern}\``);
  if (s.format !== undefined) parts.push(s.format);
  return parts.join(', ');
}

/** Flattens an object schema into rows `path | type | required | limits`. */
function fieldRows(schema: JsonSchema, prefix = '', depth = 0): string[] {
  const rows: string[] = [];
  const props = schema.properties ?? {};
  for (const [name, prop] of Object.entries(props)) {
    const path = prefix ? `${prefix}.${name}` : name;
    const required = (schema.required ?? []).includes(name) ? 'yes' : 'no';
    rows.push(`| \`${path}\` | ${typeOf(prop)} | ${required} | ${limitsOf(prop)} |`);
    const inner = prop.type === 'array' ? prop.items : prop;
    if (inner?.properties && depth < 3) rows.push(...fieldRows(inner, prop.type === 'array' ? `${path}[]` : path, depth + 1));
  }
  return rows;
}

function table(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  const rows = fieldRows(json);
  if (rows.length === 0) return '_none_\n';
  return ['| field | type | required | limits |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

/** docs/api.md, generated from the contract itself; a test fails when the file is stale. */
export function generateApiDocs(): string {
  const out: string[] = [
    '# InfiniRoute command contract',
    '',
    '_Generated from `src-shared/contract.ts` by `npm run docs:api`. Do not edit by hand._',
    '',
    'Every command is carried as-is by the Electron IPC relay and by JSON-RPC 2.0 (`POST /rpc`, `method` = the command name, `params` = its input). Errors are `{code, message, details?}` (over JSON-RPC: `error.data`). Unknown input fields are refused with `INVALID_INPUT`.',
    '',
  ];
  for (const [name, spec] of Object.entries(commands) as Array<[string, CommandSpec]>) {
    out.push(`## \`${name}\``, '', spec.summary, '', '**Input**', '', table(spec.input, 'input'), '**Result**', '', table(spec.output, 'output'));
    out.push(`**Errors:** ${spec.errors.length > 0 ? spec.errors.map((c) => `\`${c}\``).join(', ') : 'none beyond `INTERNAL`'}`, '');
    if (spec.revealsKeys) out.push('**Reveals a private key:** a browser page session of `infiniroute serve` gets `FORBIDDEN`; the host token (`Authorization: Bearer`) and the desktop app may call it.', '');
  }
  out.push('# Events', '', 'Pushed to every window (Electron) and every `/events` WebSocket (browser mode) as `{event, payload}`.', '');
  for (const [name, spec] of Object.entries(events)) {
    out.push(`## \`${name}\``, '', spec.summary, '', table(spec.payload, 'output'));
  }
  return out.join('\n');
}
