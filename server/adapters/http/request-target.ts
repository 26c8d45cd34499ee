// The request path every routing decision is made on. Node hands over the raw request-target (curl --path-as-is
// sends `/login/../admin/users` as is), while Next resolves dot segments itself: a gate that matched the raw path
// let `/login/../admin/users`, `/_next/../admin/users` and `/login/%2e%2e/admin/users` through to protected pages.
// So the target is normalised once, before any decision, and the normalised form is what Next gets too.
//
// Normalising: percent-encoded unreserved characters are decoded (RFC 3986 §6.2.2.2: `%2e` is `.`, `%61` is `a`),
// dot segments are resolved (§5.2.4) and empty segments collapsed. Refused with 400: targets that are not a path
// (absolute-form, `*`), and encoded slashes, backslashes, NULs or control characters, which could mean different
// paths to different readers.

export type TargetResult = { ok: true; url: string; path: string } | { ok: false; reason: string };

const UNRESERVED = /%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;
const FORBIDDEN_ENCODED = /%(2[fF]|5[cC]|[01][0-9a-fA-F]|7[fF])/;

export function normaliseTarget(raw: string | undefined): TargetResult {
  const target = raw ?? '/';
  if (!target.startsWith('/')) return { ok: false, reason: 'the request target must be a path starting with /' };
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\\\u0000-\u001f\u007f]/.test(rawPath))
    return { ok: false, reason: 'backslashes and control characters are not allowed in the path' };
  if (FORBIDDEN_ENCODED.test(rawPath))
    return { ok: false, reason: 'encoded slashes, backslashes and control characters are not allowed in the path' };
  if (/%(?![0-9a-fA-F]{2})/.test(rawPath)) return { ok: false, reason: 'the path has a malformed percent-encoding' };
  const decoded = rawPath.replace(UNRESERVED, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
  const out: string[] = [];
  for (const seg of decoded.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  // A trailing slash is kept (`/_next/` and `/_next` are not the same route); a dot segment at the end means a directory.
  const trailing = decoded.length > 1 && /\/(\.{0,2})$/.test(decoded) && out.length > 0;
  const path = `/${out.join('/')}${trailing ? '/' : ''}`;
  return { ok: true, path, url: path + query };
}
