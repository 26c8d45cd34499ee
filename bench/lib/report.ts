// Output of benchmark runs: aligned tables on stdout, JSON files and an SVG plot under bench/results/.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './proc';

export const RESULTS_DIR = path.join(ROOT, 'bench', 'results');

export function table(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (rows.length === 0) return void console.log('  (no rows)');
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (vals: string[]) => `  ${vals.map((v, i) => v.padStart(width[i]!)).join('  ')}`;
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}

export function writeJson(name: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return path.relative(ROOT, file);
}

/** A small line chart: latency p50/p99 (ms) against fleet size. */
export function latencyPlotSvg(points: { robots: number; p50: number; p99: number }[], subtitle: string): string {
  const W = 720;
  const H = 420;
  const m = { l: 70, r: 30, t: 60, b: 60 };
  const maxX = Math.max(...points.map((p) => p.robots), 1);
  const maxY = Math.max(...points.map((p) => p.p99), 1) * 1.15;
  const x = (v: number) => m.l + (v / maxX) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - (v / maxY) * (H - m.t - m.b);
  const line = (key: 'p50' | 'p99', color: string) =>
    `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${points.map((p) => `${x(p.robots).toFixed(1)},${y(p[key]).toFixed(1)}`).join(' ')}"/>` +
    points
      .map(
        (p) =>
          `<circle cx="${x(p.robots).toFixed(1)}" cy="${y(p[key]).toFixed(1)}" r="4" fill="${color}"><title>${p.robots} robots: ${key} ${p[key]} ms</title></circle>`,
      )
      .join('');
  const ticksY = Array.from({ length: 6 }, (_, i) => (maxY / 5) * i);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">
<rect width="${W}" height="${H}" fill="#0f172a"/>
<text x="${W / 2}" y="24" fill="#e2e8f0" font-size="16" text-anchor="middle">Robot timestamp → viewer latency vs fleet size (10 Hz per robot)</text>
<text x="${W / 2}" y="44" fill="#94a3b8" text-anchor="middle">${subtitle}</text>
${ticksY.map((v) => `<line x1="${m.l}" x2="${W - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#1e293b"/><text x="${m.l - 8}" y="${y(v) + 4}" fill="#94a3b8" text-anchor="end">${Math.round(v)}</text>`).join('\n')}
${points.map((p) => `<text x="${x(p.robots)}" y="${H - m.b + 18}" fill="#94a3b8" text-anchor="middle">${p.robots}</text>`).join('\n')}
<text x="${W / 2}" y="${H - 16}" fill="#cbd5e1" text-anchor="middle">robots</text>
<text x="18" y="${H / 2}" fill="#cbd5e1" text-anchor="middle" transform="rotate(-90 18 ${H / 2})">latency (ms)</text>
${line('p50', '#38bdf8')}
${line('p99', '#f97316')}
<text x="${m.l + 10}" y="${m.t + 4}" fill="#38bdf8">● p50</text><text x="${m.l + 70}" y="${m.t + 4}" fill="#f97316">● p99</text>
</svg>
`;
}
