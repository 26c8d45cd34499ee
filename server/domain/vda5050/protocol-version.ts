// Which protocol version master control writes to a robot: a per-robot fact learnt from what the robot sends.
// 2.0.x and unknown robots get 2.0.0, 2.1.x robots get 2.1.0; other majors need an adapter of their own (null).

export type OutboundVersion = '2.0.0' | '2.1.0';

export interface OutboundProtocol {
  /** `version` header field, and the schema the message is validated against. */
  headerVersion: OutboundVersion;
  /** Second topic level: `<interface>/v2/...`. */
  topicVersion: 'v2';
}

export function outboundProtocolFor(robotVersion: string | null | undefined): OutboundProtocol | null {
  if (!robotVersion) return { headerVersion: '2.0.0', topicVersion: 'v2' };
  const m = /^(\d+)\.(\d+)/.exec(robotVersion);
  if (m?.[1] !== '2') return null;
  return { headerVersion: m[2] === '0' ? '2.0.0' : '2.1.0', topicVersion: 'v2' };
}
