import { z } from 'zod';

// These two live apart from domain.ts so that ledger.ts can use them while domain.ts imports the
// ledger record bodies (RECORD_BODIES): a domain ↔ ledger import cycle breaks at module load.

/** An Ed25519 public key: its 32 raw bytes in unpadded base64url (43 characters). */
export const PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a 43-character base64url Ed25519 public key');

/** A model id names its producer, so anyone can check who may sign it: `<producerKey>:<slug>`. */
export const ModelIdSchema = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9_-]{43}:[a-z0-9][a-z0-9-]{0,62}$/, 'must be <producerKey>:<slug>');

export const TaskSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lowercase task name');

export const HashHexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
