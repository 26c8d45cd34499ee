// How a set of robots is named in titles and confirmations (pure).
export function robotsLabel(ids: readonly number[], name: (id: number) => string, maxNamed = 3): string {
  if (ids.length === 0) return 'no robot';
  if (ids.length <= maxNamed) return ids.map(name).join(', ');
  return `${ids.length} robots`;
}

/** What a disruptive command will do, for its confirmation. */
export function effectOf(type: string, target: string | undefined): string {
  switch (type) {
    case 'cancelOrder':
      return 'The robot stops and drops its current order.';
    case 'goTo':
      return `Its current order is replaced by a route to ${target ?? 'the target'}.`;
    case 'charge':
      return 'Its current order is replaced: it drives to the nearest free charger and charges.';
    case 'initPosition':
      return `Its position is set to ${target ?? 'the chosen node'}. Do this only when the robot really stands there.`;
    case 'pause':
      return 'The robots stop where they are, ahead of any queued command. Resume them to continue.';
    case 'resume':
      return 'Every paused robot continues its order: robots start moving again.';
    default:
      return '';
  }
}
