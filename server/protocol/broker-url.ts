// A broker URL may carry credentials (mqtt://user:pass@host:port). They are taken out so the URL can be logged and
// shown in health, and passed to mqtt.js as username/password options instead.

export interface BrokerAddress {
  /** The URL without credentials. */
  url: string;
  username?: string;
  password?: string;
}

export function splitBrokerUrl(raw: string): BrokerAddress {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: raw };
  }
  if (!u.username && !u.password) return { url: raw };
  const username = u.username ? decodeURIComponent(u.username) : undefined;
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.username = '';
  u.password = '';
  return { url: u.toString(), ...(username !== undefined && { username }), ...(password !== undefined && { password }) };
}

/** The URL with its password replaced by `***`, for logs. */
export function redactBrokerUrl(raw: string): string {
  const { url, username, password } = splitBrokerUrl(raw);
  if (username === undefined && password === undefined) return url;
  const u = new URL(url);
  u.username = encodeURIComponent(username ?? '');
  if (password !== undefined) u.password = '***';
  return u.toString();
}
