// After answering a request whose body was not read (a refusal), the rest of the body is discarded for a bounded time
// and size before the connection closes. Closing at once makes the kernel reset the connection when the client's
// next bytes arrive, and a client still sending loses the answer it was sent (seen: a 2 MB body refused 413, the
// client waiting forever). Discarding is not parsing: nothing is buffered.
import type { IncomingMessage } from 'node:http';

/** How long, and how many bytes, a refused body is discarded before the connection is cut. */
export const LINGER = { ms: 2_000, bytes: 16 * 1024 * 1024 };

export function discardRestOfBody(req: IncomingMessage): void {
  if (req.readableEnded) return;
  let seen = 0;
  const cut = () => {
    req.off('data', onData);
    req.socket.destroy();
  };
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > LINGER.bytes) cut();
  };
  const timer = setTimeout(cut, LINGER.ms);
  timer.unref();
  req.on('data', onData);
  req.once('end', () => {
    clearTimeout(timer);
    req.off('data', onData);
  });
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
