// Calls the app's tRPC procedures over plain HTTP (superjson envelope), as any client would.
export async function trpcMutation<T>(baseUrl: string, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) });
  return unwrap<T>(res, path);
}

export async function trpcQuery<T>(baseUrl: string, path: string, input?: unknown): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return unwrap<T>(await fetch(`${baseUrl}/api/trpc/${path}${q}`), path);
}

async function unwrap<T>(res: Response, path: string): Promise<T> {
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${body.error?.json.message ?? ''}`);
  return body.result.data.json;
}
