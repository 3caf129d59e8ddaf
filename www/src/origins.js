// The origins a framed calculator (embed.html) talks to, as its address names them. Schemes
// and host names are case-insensitive, and a default port may be written or not: each is
// compared as the browser writes an origin (`new URL(x).origin`: lower case, no default port),
// the way event.origin comes.

/**
 * The origins in `named` (the address's `origin` parameters): `allowed`, each as the browser
 * writes it, and `refused`, as given — anything but an origin alone: `*`, a path, a query, a
 * user name, a file: address, not an address at all. None named: `own` alone (a host on the same site).
 */
export function allowedOrigins(named, own) {
  const allowed = [];
  const refused = [];
  for (const origin of named) {
    let url = null;
    try {
      url = new URL(origin.trim());
    } catch {
      url = null;
    }
    // (An origin the browser cannot write, a file: address's, is "null".)
    const bare = url && url.origin !== 'null' && url.pathname === '/' && !url.search && !url.hash
      && !url.username && !url.password && !/[?#]/.test(origin);
    if (bare) {
      if (!allowed.includes(url.origin)) allowed.push(url.origin);
    } else {
      refused.push(origin);
    }
  }
  return { allowed: named.length ? allowed : [own], refused };
}
