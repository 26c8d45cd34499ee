import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bodyLines } from './body-lines';

const req = (chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;
async function all(g: AsyncGenerator<string>) {
  const out: string[] = [];
  for await (const l of g) out.push(l);
  return out;
}

describe('bodyLines', () => {
  it('splits lines across chunks, multi-byte characters included, and keeps a last line without newline', async () => {
    const b = bodyLines(req(['{"a":1}\n{"b":"é', '"}\n', 'tail']), { maxBytes: 1000, maxLineChars: 100 });
    expect(await all(b.lines)).toEqual(['{"a":1}', '{"b":"é"}', 'tail']);
    expect(b.overflow).toBe(false);
  });

  it('hands on an overlong line cut short (for the importer to refuse) and skips the rest of it', async () => {
    const b = bodyLines(req(['x'.repeat(30), 'x'.repeat(30), 'x\nok\n']), { maxBytes: 1000, maxLineChars: 20 });
    const lines = await all(b.lines);
    expect(lines.map((l) => l.length)).toEqual([21, 2]);
    expect(lines[1]).toBe('ok');
  });

  it('stops past maxBytes and says so', async () => {
    const b = bodyLines(req(['a\n', 'b\n', 'c'.repeat(50)]), { maxBytes: 10, maxLineChars: 100 });
    expect(await all(b.lines)).toEqual(['a', 'b']);
    expect(b.overflow).toBe(true);
  });
});
