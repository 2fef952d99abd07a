import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src-main/engine/ledger/merkle';

interface Vectors {
  leaves: string[];
  rootsBySize: string[];
  inclusion: Array<{ index: number; size: number; proof: string[] }>;
  consistency: Array<{ first: number; second: number; proof: string[] }>;
}

const vectors = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/rfc6962-merkle-vectors.json'), 'utf8')) as Vectors;
const leaves = vectors.leaves.map((hex) => leafHash(Buffer.from(hex, 'hex')));
const hex = (bufs: Buffer[]) => bufs.map((b) => b.toString('hex'));
const bufs = (hexes: string[]) => hexes.map((h) => Buffer.from(h, 'hex'));
const rootOf = (size: number) => Buffer.from(vectors.rootsBySize[size]!, 'hex');

describe('RFC 9162 Merkle tree against the reference vectors', () => {
  it('reproduces the root of every size from 0 to 8', () => {
    expect(vectors.rootsBySize).toHaveLength(9);
    for (let size = 0; size <= 8; size++) {
      expect(treeRoot(leaves.slice(0, size)).toString('hex'), `size ${size}`).toBe(vectors.rootsBySize[size]);
    }
  });

  it('generates and verifies every inclusion proof of the vectors', () => {
    for (const { index, size, proof } of vectors.inclusion) {
      expect(hex(inclusionProof(leaves, index, size)), `leaf ${index} of ${size}`).toEqual(proof);
      expect(verifyInclusion(leaves[index]!, index, size, bufs(proof), rootOf(size))).toBe(true);
    }
  });

  it('generates and verifies every consistency proof of the vectors', () => {
    for (const { first, second, proof } of vectors.consistency) {
      expect(hex(consistencyProof(leaves, first, second)), `${first} → ${second}`).toEqual(proof);
      expect(verifyConsistency(first, second, rootOf(first), rootOf(second), bufs(proof))).toBe(true);
    }
  });

  it('rejects a proof against the wrong root, index or leaf', () => {
    for (const { index, size, proof } of vectors.inclusion) {
      const path = bufs(proof);
      expect(verifyInclusion(leaves[index]!, index, size, path, rootOf(size - 1))).toBe(false);
      expect(verifyInclusion(leafHash(Buffer.from('x')), index, size, path, rootOf(size))).toBe(false);
      if (size > 1) expect(verifyInclusion(leaves[index]!, (index + 1) % size, size, path, rootOf(size))).toBe(false);
    }
    for (const { first, second, proof } of vectors.consistency) {
      expect(verifyConsistency(first, second, rootOf(first - 1), rootOf(second), bufs(proof))).toBe(false);
      expect(verifyConsistency(first, second, rootOf(first), rootOf(second - 1), bufs(proof))).toBe(false);
      expect(verifyConsistency(first, second, rootOf(first), rootOf(second), bufs(proof).slice(1))).toBe(false);
    }
  });

  it('proves every leaf and every prefix of trees up to 40 leaves', () => {
    const many = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    for (let size = 1; size <= many.length; size++) {
      const root = treeRoot(many.slice(0, size));
      for (let index = 0; index < size; index++) {
        expect(verifyInclusion(many[index]!, index, size, inclusionProof(many, index, size), root)).toBe(true);
      }
      for (let first = 1; first <= size; first++) {
        const proof = consistencyProof(many, first, size);
        expect(verifyConsistency(first, size, treeRoot(many.slice(0, first)), root, proof), `${first} → ${size}`).toBe(true);
      }
    }
  });
});
