import { AppError, isErrorShape } from '../../../src-shared/errors';
import { PAGE_SESSION_HEADER } from '../../../src-shared/page-session';

export const UNAUTHORIZED_HINT = 'Open the URL printed by infiniroute serve (at this start): it carries the access link.';

export function unauthorizedError(reason: string): AppError {
  return new AppError('UNAUTHORIZED', `${reason} ${UNAUTHORIZED_HINT}`);
}

export interface RpcCaller {
  (method: string, params: unknown): Promise<unknown>;
}

/**
 * JSON-RPC 2.0 over `POST /rpc`. The contract error travels in error.data; the transport rejects
 * with that shape (createClient turns it into AppError), never with the JSON-RPC numeric code.
 */
export function createRpcCaller(endpoint: string, session: string, fetchImpl: typeof fetch): RpcCaller {
  let nextId = 1;
  return async (method, params) => {
    const id = nextId++;
    let response: Response;
    try {
      response = await fetchImpl(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [PAGE_SESSION_HEADER]: session },
        body: JSON.stringify({ jsonrpc: '2.0', id, method, params }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AppError('NOT_READY', `Cannot reach the InfiniRoute engine (${reason}). Is infiniroute serve running?`);
    }
    if (response.status === 401) throw unauthorizedError('The engine refused this page’s session (it changes at every start of infiniroute serve).');

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new AppError('INTERNAL', `The engine answered HTTP ${response.status} without a JSON-RPC body.`);
    }
    if (typeof body !== 'object' || body === null) {
      throw new AppError('INTERNAL', `The engine answered HTTP ${response.status} with an unexpected body.`);
    }
    const message = body as { result?: unknown; error?: { message?: unknown; data?: unknown } };
    if (message.error !== undefined) {
      if (isErrorShape(message.error.data)) throw message.error.data;
      const text = typeof message.error.message === 'string' ? message.error.message : 'Unknown engine error';
      throw new AppError('INTERNAL', text);
    }
    if (!('result' in message)) throw new AppError('INTERNAL', 'The engine answered without a result.');
    return message.result;
  };
}
