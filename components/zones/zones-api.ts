// The zones API (tRPC zones.overview / zones.requests / zones.revoke) as the UI calls it: the answer shapes and
// the query options shared by the 3D view, the zones page and the robot page (one cache entry per input), polled
// every few seconds. A server without the zones router answers 404; the views say so and stop retrying.
import type { TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';
import { isZonesApiMissing } from './zone-format';

type Trpc = TRPCOptionsProxy<AppRouter>;

export type ZonesOverview = inferRouterOutputs<AppRouter>['zones']['overview'];
export type ZoneWithStatus = ZonesOverview['zones'][number];
export type ZoneRequestsInput = NonNullable<inferRouterInputs<AppRouter>['zones']['requests']>;

/** How often the zone views ask again, ms. */
export const ZONES_POLL_MS = 2000;
export const ZONE_REQUESTS_POLL_MS = 2500;

/** Retries once, never when the API is missing. */
const retryOnce = (failures: number, e: unknown) => failures < 1 && !isZonesApiMissing(e);

export function zonesOverviewQuery(trpc: Trpc) {
  return trpc.zones.overview.queryOptions(undefined, { refetchInterval: ZONES_POLL_MS, staleTime: 0, retry: retryOnce });
}

export function zoneRequestsQuery(trpc: Trpc, input: ZoneRequestsInput) {
  return trpc.zones.requests.queryOptions(input, { refetchInterval: ZONE_REQUESTS_POLL_MS, staleTime: 0, retry: retryOnce });
}
