import { hash as digest } from 'node:crypto';

/** One record as the journal holds it: the document name it belongs under and its signed bytes. */
export interface JournalFrame {
  doc: string;
  bytes: Uint8Array;
}

const HEADER = 4 + 8; // u32 body length, 8 bytes of the body's sha256
const MAX_BODY = 64 * 1024 * 1024;

function checksum(body: Uint8Array): Buffer {
  return digest('sha256', body, 'buffer').subarray(0, 8);
}

/** [u32 body length][sha256(body)[0..8]][body = u16 name length, name (utf8), record bytes]. */
export function encodeFrame(frame: JournalFrame): Buffer {
  const nameLength = Buffer.byteLength(frame.doc, 'utf8');
  if (nameLength > 0xffff) throw new Error(`document name too long for the journal: ${nameLength} bytes`);
  const bodyLength = 2 + nameLength + frame.bytes.length;
  const out = Buffer.allocUnsafe(HEADER + bodyLength);
  out.writeUInt32BE(bodyLength, 0);
  out.writeUInt16BE(nameLength, HEADER);
  out.write(frame.doc, HEADER + 2, 'utf8');
  out.set(frame.bytes, HEADER + 2 + nameLength);
  checksum(out.subarray(HEADER)).copy(out, 4);
  return out;
}

export interface DecodedFrames {
  frames: JournalFrame[];
  /** Bytes that form whole, intact frames; anything after is a write a crash cut short. */
  validLength: number;
}

/**
 * Reads frames until the first one that is cut short or fails its checksum. Appends are serial, so
 * a torn frame can only be the last write, which was never acknowledged: stopping there loses nothing.
 */
export function decodeFrames(data: Uint8Array): DecodedFrames {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const frames: JournalFrame[] = [];
  let at = 0;
  while (at + HEADER <= buf.length) {
    const length = buf.readUInt32BE(at);
    if (length < 2 || length > MAX_BODY || at + HEADER + length > buf.length) break;
    const body = buf.subarray(at + HEADER, at + HEADER + length);
    if (!checksum(body).equals(buf.subarray(at + 4, at + HEADER))) break;
    const nameLength = body.readUInt16BE(0);
    if (2 + nameLength > body.length) break;
    frames.push({ doc: body.toString('utf8', 2, 2 + nameLength), bytes: new Uint8Array(body.subarray(2 + nameLength)) });
    at += HEADER + length;
  }
  return { frames, validLength: at };
}
