import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return Response.json(await getRuntime().health(), { headers: { 'cache-control': 'no-store' } });
  } catch (err) {
    return Response.json({ status: 'down', components: { app: { status: 'down', error: (err as Error).message } } }, { status: 503 });
  }
}
