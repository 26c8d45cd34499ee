import { describe, expect, it } from 'vitest';
import { askToCancel, firstStep, useCommandFlow } from './command-flow-store';

describe('command flow', () => {
  it('sends harmless commands straight away, but confirms them when a robot is offline', () => {
    expect(firstStep('pause')).toBeNull();
    expect(firstStep('pause', true)).toBe('confirm');
    expect(firstStep('cancelOrder')).toBe('confirm');
    expect(firstStep('goTo', true)).toBe('target');
  });

  it('asks before a cancel and answers the caller with the choice', async () => {
    const asked = askToCancel('c-1');
    expect(useCommandFlow.getState().cancelAsk?.commandId).toBe('c-1');
    useCommandFlow.getState().cancelAsk!.answer(true);
    await expect(asked).resolves.toBe(true);
    expect(useCommandFlow.getState().cancelAsk).toBeNull();
  });

  it('declines an open ask when another cancel is asked, and keeps the new one open', async () => {
    const first = askToCancel('c-1');
    const second = askToCancel('c-2');
    await expect(first).resolves.toBe(false);
    expect(useCommandFlow.getState().cancelAsk?.commandId).toBe('c-2');
    useCommandFlow.getState().cancelAsk!.answer(false);
    await expect(second).resolves.toBe(false);
    expect(useCommandFlow.getState().cancelAsk).toBeNull();
  });
});
