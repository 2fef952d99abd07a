import { RPC_INVALID_REQUEST, RPC_PARSE_ERROR, rpcError, type RpcResponse } from '../../src-shared/jsonrpc';
import type { Dispatch } from '../../src-shared/answer';

const MAX_BATCH = 100;

function isRequestId(id: unknown): id is string | number | null {
  return id === null || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
}

async function handleOne(dispatch: Dispatch, message: unknown): Promise<RpcResponse | null> {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { jsonrpc: '2.0', id: null, error: { code: RPC_INVALID_REQUEST, message: 'Invalid Request: expected a JSON-RPC 2.0 object' } };
  }
  const m = message as Record<string, unknown>;
  const id = isRequestId(m.id) ? m.id : null;
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string' || (m.id !== undefined && !isRequestId(m.id))) {
    return { jsonrpc: '2.0', id, error: { code: RPC_INVALID_REQUEST, message: 'Invalid Request: needs jsonrpc "2.0", a string method and a string or number id' } };
  }
  const answer = await dispatch(m.method, m.params);
  if (m.id === undefined) return null; // a notification: executed, never answered
  return answer.ok ? { jsonrpc: '2.0', id, result: answer.result } : rpcError(id, answer.error);
}

/** JSON-RPC 2.0 over one request body: single calls, notifications and batches. */
export async function handleRpcBody(dispatch: Dispatch, body: string): Promise<RpcResponse | RpcResponse[] | null> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { jsonrpc: '2.0', id: null, error: { code: RPC_PARSE_ERROR, message: 'Parse error: the body is not valid JSON' } };
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0 || parsed.length > MAX_BATCH) {
      return { jsonrpc: '2.0', id: null, error: { code: RPC_INVALID_REQUEST, message: `Invalid Request: a batch holds 1 to ${MAX_BATCH} calls` } };
    }
    const answers: RpcResponse[] = [];
    for (const message of parsed) {
      const answer = await handleOne(dispatch, message);
      if (answer) answers.push(answer);
    }
    return answers.length > 0 ? answers : null;
  }
  return handleOne(dispatch, parsed);
}
