// Which protocol version master control writes to a robot: a per-robot fact learnt from what the robot sends.
// 2.0.x and unknown robots get 2.0.0, 2.1.x robots get 2.1.0, 3.x robots get 3.0.0 on the `v3` topic level
// (v3-outbound.ts renames the fields); other majors are refused (null).

export type OutboundVersion = '2.0.0' | '2.1.0' | '3.0.0';

export interface OutboundProtocol {
  /** `version` header field, and the schema the message is validated against. */
  headerVersion: OutboundVersion;
  /** Second topic level: `<interface>/v2/...` or `<interface>/v3/...`. */
  topicVersion: 'v2' | 'v3';
}

export function outboundProtocolFor(robotVersion: string | null | undefined): OutboundProtocol | null {
  if (!robotVersion) return { headerVersion: '2.0.0', topicVersion: 'v2' };
  const m = /^(\d+)\.(\d+)/.exec(robotVersion);
  if (m?.[1] === '3') return { headerVersion: '3.0.0', topicVersion: 'v3' };
  if (m?.[1] !== '2') return null;
  return { headerVersion: m[2] === '0' ? '2.0.0' : '2.1.0', topicVersion: 'v2' };
}

/** The topic level a message of this protocol version belongs on (`v2`, `v3`), or null for an unreadable version. */
export function topicLevelOf(version: string): string | null {
  const m = /^(\d+)\./.exec(version);
  return m ? `v${m[1]}` : null;
}
