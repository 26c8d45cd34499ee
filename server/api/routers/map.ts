import { warehouseMapToLif } from '../../domain/site-layout/lif-export';
import { createTRPCRouter, viewerProcedure } from '../trpc';

export const mapRouter = createTRPCRouter({
  get: viewerProcedure.query(({ ctx }) => ctx.runtime.map),
  /** The site as a LIF 1.0.0 document (VDMA Layout Interchange Format), to download or to load with SITE_LAYOUT. */
  lif: viewerProcedure.query(({ ctx }) => warehouseMapToLif(ctx.runtime.map, new Date())),
});
