// A request body read as text lines (JSON Lines uploads), streamed: never more than one line held. A line over
// maxLineChars is handed on cut short (the consumer refuses it by its length) and the rest of it skipped; past
// maxBytes reading stops and `overflow` is set, leaving the body unread for the caller to answer 413 and discard.
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';

export interface BodyLines {
  lines: AsyncGenerator<string>;
  /** True once the body went past maxBytes (the lines stopped there). */
  readonly overflow: boolean;
  readonly bytes: number;
}

export function bodyLines(req: IncomingMessage, o: { maxBytes: number; maxLineChars: number }): BodyLines {
  const state = { overflow: false, bytes: 0 };
  async function* lines(): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    let buf = '';
    let skipping = false;
    // destroyOnReturn false: stopping early leaves the socket open, so the caller can still answer.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      state.bytes += chunk.length;
      if (state.bytes > o.maxBytes) {
        state.overflow = true;
        return;
      }
      buf += decoder.write(chunk);
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!skipping) yield line;
        skipping = false;
        nl = buf.indexOf('\n');
      }
      if (buf.length > o.maxLineChars) {
        if (!skipping) yield buf.slice(0, o.maxLineChars + 1);
        skipping = true;
        buf = '';
      }
    }
    buf += decoder.end();
    if (buf.length > 0 && !skipping) yield buf;
  }
  return {
    lines: lines(),
    get overflow() {
      return state.overflow;
    },
    get bytes() {
      return state.bytes;
    },
  };
}
