import { createHash } from 'node:crypto';

/**
 * The RFC 9162 (Certificate Transparency v2) Merkle tree over a chain's entries. The 0x00 / 0x01
 * prefixes keep a leaf from ever hashing like an inner node (second-preimage safety). Everything
 * works on leaf hashes so a chain hashes each entry once and proofs reuse them.
 * Depends on node:crypto only: the standalone verifier uses it too.
 */
const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 9162 splits a tree. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Perfect subtrees smaller than this are cheaper to rehash than to remember. */
const CACHE_FROM = 8;

/**
 * An append-only tree over leaf hashes. Perfect subtrees never change as leaves are appended, so
 * their hashes are remembered: every root, inclusion and consistency proof after the first costs
 * O(log n) hashes instead of O(n).
 */
export class MerkleTree {
  private readonly perfect = new Map<number, Buffer>();

  constructor(private readonly leaves: Buffer[] = []) {}

  get size(): number {
    return this.leaves.length;
  }

  leaf(index: number): Buffer {
    const leaf = this.leaves[index];
    if (!leaf) throw new RangeError(`no leaf ${index} in a tree of ${this.leaves.length}`);
    return leaf;
  }

  push(leaf: Buffer): void {
    this.leaves.push(leaf);
  }

  /** Drops leaves from `size` on (a chain rolled back); rare, so the whole cache goes. */
  truncate(size: number): void {
    if (size >= this.leaves.length) return;
    this.leaves.length = size;
    this.perfect.clear();
  }

  /** MTH(D[0:size]). */
  root(size = this.leaves.length): Buffer {
    this.check(size);
    return this.hash(0, size);
  }

  /** PATH(m, D[0:size]): the audit path of leaf m (RFC 9162 §2.1.3.1). */
  inclusionProof(index: number, size = this.leaves.length): Buffer[] {
    this.check(size);
    if (index < 0 || index >= size) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
    const path: Buffer[] = [];
    const walk = (m: number, start: number, end: number): void => {
      const n = end - start;
      if (n <= 1) return;
      const k = split(n);
      if (m < k) {
        walk(m, start, start + k);
        path.push(this.hash(start + k, end));
      } else {
        walk(m - k, start + k, end);
        path.push(this.hash(start, start + k));
      }
    };
    walk(index, 0, size);
    return path;
  }

  /** PROOF(m, D[0:n]): that the tree of size m is a prefix of the tree of size n (RFC 9162 §2.1.4.1). */
  consistencyProof(first: number, second = this.leaves.length): Buffer[] {
    this.check(second);
    if (first < 0 || first > second) throw new RangeError(`no consistency proof from ${first} to ${second}`);
    const proof: Buffer[] = [];
    if (first === 0 || first === second) return proof;
    const sub = (m: number, start: number, end: number, complete: boolean): void => {
      const n = end - start;
      if (m === n) {
        if (!complete) proof.push(this.hash(start, end));
        return;
      }
      const k = split(n);
      if (m <= k) {
        sub(m, start, start + k, complete);
        proof.push(this.hash(start + k, end));
      } else {
        sub(m - k, start + k, end, false);
        proof.push(this.hash(start, start + k));
      }
    };
    sub(first, 0, second, true);
    return proof;
  }

  private check(size: number): void {
    if (size < 0 || size > this.leaves.length) throw new RangeError(`the tree has ${this.leaves.length} leaves, not ${size}`);
  }

  private hash(start: number, end: number): Buffer {
    const n = end - start;
    if (n === 0) return createHash('sha256').digest();
    if (n === 1) return this.leaves[start]!;
    const perfect = (n & (n - 1)) === 0 && n >= CACHE_FROM;
    // Unique while a tree stays below 2^26 leaves: start < 2^27 keeps the key a safe integer.
    const key = start * 2 ** 26 + n;
    if (perfect) {
      const known = this.perfect.get(key);
      if (known) return known;
    }
    const k = split(n);
    const digest = nodeHash(this.hash(start, start + k), this.hash(start + k, end));
    if (perfect) this.perfect.set(key, digest);
    return digest;
  }
}

export function treeRoot(leaves: readonly Buffer[], size = leaves.length): Buffer {
  return new MerkleTree([...leaves]).root(size);
}

export function inclusionProof(leaves: readonly Buffer[], index: number, size = leaves.length): Buffer[] {
  return new MerkleTree([...leaves]).inclusionProof(index, size);
}

export function consistencyProof(leaves: readonly Buffer[], first: number, second = leaves.length): Buffer[] {
  return new MerkleTree([...leaves]).consistencyProof(first, second);
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. */
export function rootFromInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Buffer | null {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusion(leaf, index, size, proof);
  return computed !== null && computed.equals(root);
}

/** RFC 9162 §2.1.4.2: checks that `second` extends `first` without rewriting it. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // When `first` is a power of two its root is itself the first node of the path.
  const path = (first & (first - 1)) === 0 ? [Buffer.from(firstRoot), ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
