// Ending the running order early, as cancelOrder does and as a refused zone access does: the robot stops where it
// is, what is left of the order leaves the state, unfinished order actions fail and pending zone requests go.
// Pure: mutates only the model passed in.
import { failOrderActions } from './action-runner';
import { takeControl, type AgvModel } from './agv-model';
import { dropPendingRequests } from './zone-traffic';

export function abortOrder(m: AgvModel, why: string): void {
  takeControl(m);
  // Stop immediately (the spec allows stopping between nodes); what is left of the order leaves the state.
  if (m.order) {
    m.order = { ...m.order, nodes: [], edges: [], done: true };
    failOrderActions(m, why);
  }
  m.approach = null;
  m.newBaseRequest = false;
  m.robot = { ...m.robot, motion: { ...m.robot.motion, speed: 0 }, omega: 0, activity: m.robot.charging ? 'charging' : 'idle' };
  dropPendingRequests(m.zones);
  m.changed = true;
}
