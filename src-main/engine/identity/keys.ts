import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** A signing key held by this engine: the private key and its public key as base64url raw bytes. */
export interface SigningKey {
  publicKey: string;
  privateKey: KeyObject;
}

export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return fromPrivateKey(privateKey);
}

export function fromPrivateKey(privateKey: KeyObject): SigningKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return { publicKey: jwk.x, privateKey };
}

export function signingKeyFromPem(pem: string): SigningKey {
  const key = createPrivateKey({ key: pem, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the key file does not hold an Ed25519 key');
  return fromPrivateKey(key);
}

export function signingKeyToPem(key: SigningKey): string {
  return key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function signBytes(key: SigningKey, data: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, data, key.privateKey));
}

/**
 * Verifies Ed25519 signatures by base64url public key. Parsed keys are cached per verifier
 * (not per module) because building a KeyObject costs about as much as a verification.
 */
export class SignatureVerifier {
  private readonly keys = new Map<string, KeyObject>();

  verify(publicKey: string, data: Uint8Array, signature: Uint8Array): boolean {
    let key = this.keys.get(publicKey);
    if (!key) {
      try {
        key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
      } catch {
        return false;
      }
      if (this.keys.size > 100_000) this.keys.clear();
      this.keys.set(publicKey, key);
    }
    return verify(null, data, key, signature);
  }
}
