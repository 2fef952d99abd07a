import type { ErrorCode, ErrorShape } from './errors';

/** JSON-RPC 2.0 error codes; the contract's own code travels in error.data.code. */
export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_SERVER_ERROR = -32000;

export function rpcCodeFor(code: ErrorCode): number {
  if (code === 'INVALID_INPUT') return RPC_INVALID_PARAMS;
  if (code === 'UNKNOWN_COMMAND') return RPC_METHOD_NOT_FOUND;
  return RPC_SERVER_ERROR;
}

export interface RpcRequest {
  jsonrpc: '2.0';
  id: string | number | null;
  method: string;
  params?: unknown;
}

export type RpcResponse =
  | { jsonrpc: '2.0'; id: string | number | null; result: unknown }
  | { jsonrpc: '2.0'; id: string | number | null; error: { code: number; message: string; data?: ErrorShape } };

export function rpcError(id: RpcRequest['id'], shape: ErrorShape): RpcResponse {
  return { jsonrpc: '2.0', id, error: { code: rpcCodeFor(shape.code), message: shape.message, data: shape } };
}
