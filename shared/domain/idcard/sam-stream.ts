import { MAX_FRAME_LENGTH, PREAMBLE, xorChecksum } from './sam-frame';

export type StreamItem = { kind: 'frame'; frame: Uint8Array } | { kind: 'badChecksum'; frame: Uint8Array };

/**
 * Reassembles frames from a byte stream whose chunks split or merge frames at random and may
 * carry line noise. Garbage before a preamble is dropped; a length beyond any real frame or a
 * failed checksum makes it look for the next preamble one byte further on, so a real frame
 * hidden behind a false preamble is still found.
 */
export class SamStreamDecoder {
  private buf = new Uint8Array(0);

  push(chunk: Uint8Array): StreamItem[] {
    const merged = new Uint8Array(this.buf.length + chunk.length);
    merged.set(this.buf, 0);
    merged.set(chunk, this.buf.length);
    const out: StreamItem[] = [];
    let pos = 0;
    for (;;) {
      const start = findPreamble(merged, pos);
      if (start < 0) {
        // Keep a tail that could be the beginning of a preamble split across chunks.
        pos = Math.max(pos, merged.length - (PREAMBLE.length - 1));
        break;
      }
      pos = start;
      if (merged.length - start < 7) break;
      const len = (merged[start + 5]! << 8) | merged[start + 6]!;
      if (len < 2 || len + 7 > MAX_FRAME_LENGTH) {
        pos = start + 1;
        continue;
      }
      const end = start + 7 + len;
      if (merged.length < end) break;
      const frame = merged.slice(start, end);
      if (xorChecksum(merged, start + 5, end - 1) === merged[end - 1]) {
        out.push({ kind: 'frame', frame });
        pos = end;
      } else {
        out.push({ kind: 'badChecksum', frame });
        pos = start + 1;
      }
    }
    this.buf = merged.slice(pos);
    return out;
  }

  /** Bytes held while waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }

  reset(): void {
    this.buf = new Uint8Array(0);
  }
}

function findPreamble(bytes: Uint8Array, from: number): number {
  outer: for (let i = from; i + PREAMBLE.length <= bytes.length; i++) {
    for (let j = 0; j < PREAMBLE.length; j++) if (bytes[i + j] !== PREAMBLE[j]) continue outer;
    return i;
  }
  return -1;
}
