import { describe, expect, it } from 'vitest';
import { readSceneTheme, resolveTokens, tokensOf } from './scene-theme';
import { isSilencedThreeMessage } from './three-console';

describe('scene colours from the theme', () => {
  it('reads the custom properties of a var() chain in order', () => {
    expect(tokensOf('var(--scene-offline, var(--muted))')).toEqual(['--scene-offline', '--muted']);
  });

  it('takes the first property the theme defines', () => {
    const values: Record<string, string> = { '--muted': ' #505c6a ' };
    expect(resolveTokens(['--scene-offline', '--muted'], (n) => values[n] ?? '', 'gray')).toBe('#505c6a');
    expect(resolveTokens(['--nothing'], () => '', 'gray')).toBe('gray');
  });

  it('gives every status and scene colour a value, light theme included', () => {
    const light: Record<string, string> = { '--scene-floor': '#f3f5f8', '--accent': '#0a64ad', '--scene-offline': '#6b7684' };
    const t = readSceneTheme((n) => light[n] ?? '', false);
    expect(t.floor).toBe('#f3f5f8');
    expect(t.status.driving).toBe('#0a64ad');
    expect(t.status.offline).toBe('#6b7684');
    expect(t.dark).toBe(false);
    expect(Object.values(t.status).every((v) => v !== '')).toBe(true);
  });
});

describe('three.js console', () => {
  it('silences only the THREE.Clock deprecation that @react-three/fiber triggers', () => {
    expect(isSilencedThreeMessage('THREE.Clock: This module has been deprecated. Please use THREE.Timer instead.')).toBe(true);
    expect(isSilencedThreeMessage('THREE.WebGLRenderer: Context Lost.')).toBe(false);
  });
});
