// The id of a simulated robot by its serial number, once the fleet lists it (shared by the ledger, inspector
// gap and robot history specs).
import { expect, type APIRequestContext } from '@playwright/test';
import { trpcQuery } from './auth';

interface RobotSummary {
  id: number;
  serialNumber: string;
}

export async function robotIdBySerial(request: APIRequestContext, serial: string): Promise<number> {
  let id: number | undefined;
  await expect
    .poll(
      async () => {
        id = (await trpcQuery<RobotSummary[]>(request, 'fleet.list')).find((r) => r.serialNumber === serial)?.id;
        return id;
      },
      { timeout: 60_000 },
    )
    .toBeDefined();
  return id!;
}
