// The minimap's scale bar: a round length (1, 2 or 5 × 10^k metres) close to a fifth of the site's width.

export function scaleBarMetres(siteWidthM: number, fraction = 0.2): number {
  const want = Math.max(siteWidthM * fraction, 1e-3);
  const power = 10 ** Math.floor(Math.log10(want));
  const steps = [1, 2, 5, 10].map((s) => s * power);
  return steps.reduce((best, s) => (Math.abs(s - want) < Math.abs(best - want) ? s : best));
}
