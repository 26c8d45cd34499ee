// The live fleet as the fleet state store holds it: what services, workers and the API read.
import type { RobotView } from '../domain/robot';

export interface FleetReader {
  list(): RobotView[];
  get(id: number): RobotView | undefined;
}
