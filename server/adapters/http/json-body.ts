// Reads a small JSON request body: refuses other content types and bodies over the limit, with a status to send.
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const isJson = (req: IncomingMessage) => /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');

export async function readJsonBody(req: IncomingMessage, limitBytes = 8 * 1024): Promise<unknown> {
  if (!isJson(req)) throw new BodyError(415, 'send JSON (Content-Type: application/json)');
  const tooLarge = () => new BodyError(413, `the request body is over ${limitBytes} bytes; refused`);
  // A declared size over the limit is refused before a byte is read.
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limitBytes) throw tooLarge();
  // Read by events, not `for await`: leaving that loop early destroys the socket before the 413 can be sent.
  const body = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void chunks.push(chunk);
      done();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks));
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BodyError(400, 'the body is not valid JSON');
  }
}
