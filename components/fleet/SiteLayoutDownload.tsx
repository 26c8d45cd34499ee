'use client';
// The site's name and size under the 3D view's legend, with its layout as a LIF 1.0 file to download (map.lif):
// what an integrator's layout tool reads, and what SITE_LAYOUT loads.
import { useState } from 'react';
import type { WarehouseMap } from '@/server/domain/warehouse-map';
import { useTRPCClient } from '@/components/trpc/trpc-context';
import { downloadText } from '@/components/ui/download';

export function SiteLayoutDownload({ map }: { map: WarehouseMap }) {
  const client = useTRPCClient();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      const doc = await client.map.lif.query();
      downloadText(`${JSON.stringify(doc, null, 2)}\n`, `${map.id}.lif.json`, 'application/json');
      setState({ busy: false, error: null });
    } catch (e) {
      setState({ busy: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <p className="muted site-line" data-testid="site-line">
      {map.name} · {map.nodes.length} nodes ·{' '}
      <button
        type="button"
        className="link-button"
        data-testid="site-layout-download"
        disabled={state.busy}
        title="Download the site layout as a VDMA LIF 1.0 file (nodes, edges, stations)"
        onClick={() => void download()}
      >
        {state.busy ? 'Preparing…' : 'Layout (LIF)'}
      </button>
      {state.error ? (
        <span role="alert" className="error">
          {' '}
          could not export: {state.error}
        </span>
      ) : null}
    </p>
  );
}
