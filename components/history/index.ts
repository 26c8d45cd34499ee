// The history feature's public entry: the robot's history tab and the "why did it stop?" view.
export { RobotHistory } from './RobotHistory';
export { RobotWhy } from './RobotWhy';
export { whyHref } from './time-format';
