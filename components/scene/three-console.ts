// three 0.187 deprecated THREE.Clock (warning on construction) but @react-three/fiber 9.8.2, the latest stable
// release on npm (10.x is canary only), still creates one in every <Canvas> store. three routes its console output
// through setConsoleFunction: drop exactly that one deprecation and pass everything else on unchanged.
import { setConsoleFunction } from 'three';

const CLOCK_DEPRECATION = 'THREE.Clock: This module has been deprecated';

type Level = 'log' | 'warn' | 'error';

export function isSilencedThreeMessage(message: unknown): boolean {
  return typeof message === 'string' && message.startsWith(CLOCK_DEPRECATION);
}

let installed = false;

export function silenceR3fClockDeprecation(): void {
  if (installed) return;
  installed = true;
  setConsoleFunction((level: Level, message: string, ...params: unknown[]) => {
    if (isSilencedThreeMessage(message)) return;
    console[level](message, ...params);
  });
}
