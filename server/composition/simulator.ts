// The simulated fleet (SIM_ROBOTS > 0): VDA 5050 robots over MQTT, outside the app. Composed last (the app is
// ready for its robots) and stopped first (robots say goodbye while the app still listens).
import type { AppConfig } from '../config';
import type { WarehouseMap } from '../domain/warehouse-map';
import type { Logger } from '../ports/logger';
import { startFleet } from '../sim/fleet';
import { shutdownStep, type HealthContext, type Module } from './module';

/** Manufacturer of the app's simulated robots. */
export const SIM_MANUFACTURER = 'SimRobotics';

export async function composeSimulator(
  config: AppConfig,
  deps: { brokerUrl: string; login: { username?: string; password?: string }; map: WarehouseMap; logger: Logger },
) {
  const { logger } = deps;
  const sim =
    config.SIM_ROBOTS > 0
      ? await startFleet({
          brokerUrl: deps.brokerUrl,
          clientOptions: deps.login,
          manufacturer: SIM_MANUFACTURER,
          iface: config.VDA_INTERFACE,
          robots: config.SIM_ROBOTS,
          hz: config.SIM_HZ,
          seed: config.SIM_SEED,
          v3Share: config.SIM_V3_SHARE,
          map: deps.map,
          logger: (m) => logger.info({ component: 'sim' }, m),
        })
      : null;
  if (sim)
    logger.info(
      { robots: config.SIM_ROBOTS, hz: config.SIM_HZ, seed: config.SIM_SEED, v3Share: config.SIM_V3_SHARE },
      'simulated fleet started',
    );
  const step = shutdownStep(logger);

  return {
    sim,
    health(ctx: HealthContext) {
      if (!sim) return { simulator: { status: 'ok', robots: 0 } };
      const progress = ctx.watch.observe('sim:published', sim.published().total);
      return {
        simulator: {
          // Simulated robots publish at SIM_HZ: nothing new for 10 s (or three periods) means they are stuck or cut off.
          status: ctx.now - (progress.changedAt ?? progress.since) > Math.max(10_000, 3000 / config.SIM_HZ) ? 'degraded' : 'ok',
          robots: sim.robots.length,
          hz: config.SIM_HZ,
          published: sim.published().total,
        },
      };
    },
    async stop() {
      await step('simulator', () => sim?.stop({ clean: true }));
    },
  } satisfies Module & Record<string, unknown>;
}
