import { Repo, type AutomergeUrl, type DocHandle, type PeerId } from '@automerge/automerge-repo';
import { generateSigningKey, SignatureVerifier, type SigningKey } from '../../src-main/engine/identity/keys';
import type { IndexDoc, RecordDoc } from '../../src-main/engine/store/documents';
import { dialerHandshake } from '../../src-main/engine/sync/handshake';
import { PeerNetworkAdapter } from '../../src-main/engine/sync/peer-adapter';
import { dialSocket } from '../../src-main/engine/sync/transport';

/**
 * A peer that follows the protocol to the letter (it proves its own key, it is in the marketplace)
 * and then abuses what Automerge allows anyone holding a document: it writes straight into other
 * peers' shared documents with automerge-repo. Honest peers must not be fooled by anything it does.
 */
export class MaliciousPeer {
  private constructor(
    readonly key: SigningKey,
    readonly repo: Repo,
    readonly index: DocHandle<IndexDoc>,
    readonly victimIndexUrl: AutomergeUrl,
    private readonly adapter: PeerNetworkAdapter,
  ) {}

  static async connect(address: string, marketplace: string, expectKey: string | null = null): Promise<MaliciousPeer> {
    const key = generateSigningKey();
    const adapter = new PeerNetworkAdapter();
    const repo = new Repo({ network: [adapter], peerId: key.publicKey as PeerId });
    const index = repo.create<IndexDoc>({ docs: {} });
    const ws = await dialSocket(address);
    const { peer, frames } = await dialerHandshake(ws, { key, marketplace, index: index.url, verifier: new SignatureVerifier() }, expectKey);
    adapter.attach({ key: peer.key, ws, storageId: peer.storageId }, frames.handOver());
    return new MaliciousPeer(key, repo, index, peer.index as AutomergeUrl, adapter);
  }

  /** The victim's index entries (URL → name). */
  async entries(): Promise<Array<[AutomergeUrl, string]>> {
    const handle = await this.repo.find<IndexDoc>(this.victimIndexUrl);
    return Object.entries(handle.doc().docs) as Array<[AutomergeUrl, string]>;
  }

  async open(name: string): Promise<DocHandle<RecordDoc>> {
    const entry = (await this.entries()).find(([, n]) => n === name);
    if (!entry) throw new Error(`the victim lists no document named ${name}`);
    return this.repo.find<RecordDoc>(entry[0]);
  }

  async openFirst(prefix: string): Promise<{ name: string; handle: DocHandle<RecordDoc> }> {
    const entry = (await this.entries()).find(([, n]) => n.startsWith(prefix));
    if (!entry) throw new Error(`the victim lists no document named ${prefix}…`);
    return { name: entry[1], handle: await this.repo.find<RecordDoc>(entry[0]) };
  }

  async close(): Promise<void> {
    this.adapter.disconnect();
    await this.repo.shutdown();
  }
}
