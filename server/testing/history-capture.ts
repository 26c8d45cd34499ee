// Test helper for the history writer's integration tests: records every pose the bus carries (what the writer
// sees), and compares it with what the store gives back, sample for sample within the promised precision.
import { expect } from 'vitest';
import type { Envelope } from '../domain/envelope';
import { HISTORY_SOURCE, type HistorySample } from '../domain/history/history-sample';
import type { SliceRow } from '../domain/history/slice';
import { decodeSamples } from '../domain/history/slice-codec';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { MessageBus } from '../ports/message-bus';

export interface CapturedPose {
  ts: number;
  source: number;
  headerId: number;
  x: number;
  y: number;
  theta: number;
}

export function capturePoses(bus: MessageBus) {
  const byRobot = new Map<number, CapturedPose[]>();
  let on = true;
  const take = (env: Envelope) => {
    if (!on) return;
    const t = env.payload as RobotTelemetry;
    const m = t.topic === 'state' || t.topic === 'visualization' ? t.message : null;
    if (!m?.agvPosition) return;
    const p = m.agvPosition;
    const list = byRobot.get(t.robotId) ?? [];
    byRobot.set(t.robotId, list);
    list.push({
      ts: env.producedAt,
      source: t.topic === 'state' ? HISTORY_SOURCE.state : HISTORY_SOURCE.visualization,
      headerId: m.headerId,
      x: p.x,
      y: p.y,
      theta: p.theta,
    });
  };
  const subs = [SUBJECTS.visualization, SUBJECTS.state].map((s) => bus.subscribe(s, take, { name: 'test-capture' }));
  return {
    byRobot,
    total: () => [...byRobot.values()].reduce((n, l) => n + l.length, 0),
    /** Stops recording (what arrives later is not counted as received). */
    stop() {
      on = false;
      for (const s of subs) s.unsubscribe();
    },
  };
}

const order = (a: { ts: number; source: number; headerId: number }, b: { ts: number; source: number; headerId: number }) =>
  a.ts - b.ts || a.source - b.source || a.headerId - b.headerId;

/** Samples of the slices, per robot, sorted. */
export function decodeByRobot(rows: readonly SliceRow[]): Map<number, HistorySample[]> {
  const out = new Map<number, HistorySample[]>();
  for (const r of rows) {
    const samples = decodeSamples(r.data);
    expect(samples).toHaveLength(r.count);
    const list = out.get(r.robotId) ?? [];
    out.set(r.robotId, list);
    list.push(...samples);
  }
  for (const l of out.values()) l.sort(order);
  return out;
}

const angleDiff = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

/** Every captured pose is stored (and nothing else when `exact`): ts and ids exact, x/y within 1 cm, theta within 0.01 rad. */
export function expectSameSamples(captured: Map<number, CapturedPose[]>, stored: Map<number, HistorySample[]>) {
  expect([...stored.keys()].sort()).toEqual([...captured.keys()].sort());
  for (const [robotId, sent] of captured) {
    const want = [...sent].sort(order);
    const got = stored.get(robotId) ?? [];
    expect({ robotId, n: got.length }).toEqual({ robotId, n: want.length });
    want.forEach((w, i) => {
      const g = got[i]!;
      const bad =
        g.ts !== w.ts ||
        g.source !== w.source ||
        g.headerId !== w.headerId ||
        Math.abs(g.x - w.x) > 0.01 ||
        Math.abs(g.y - w.y) > 0.01 ||
        angleDiff(g.theta, w.theta) > 0.01;
      if (bad) expect({ robotId, i, got: g }).toEqual({ robotId, i, got: w });
    });
  }
}
