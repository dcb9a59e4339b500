/**
 * The URL clients reach the service at, as the OpenAPI document's server: the given one (else
 * `CK_PUBLIC_URL`) when set, checked to be an absolute `http:` or `https:` URL without query or
 * fragment and given without a trailing slash; `undefined` when neither is set (the document then names
 * each request's own origin). A bad value stops the start, saying what is expected.
 *
 * @example
 * ```ts
 * resolvePublicUrl('https://complaints.bank.example/'); // 'https://complaints.bank.example'
 * resolvePublicUrl(undefined); // process.env.CK_PUBLIC_URL, checked, or undefined
 * ```
 */
export function resolvePublicUrl(given: string | undefined, env: string | undefined = process.env.CK_PUBLIC_URL): string | undefined {
  const value = given ?? (env === '' ? undefined : env);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`publicUrl (CK_PUBLIC_URL) is not a URL: give the address clients reach the service at, such as https://complaints.bank.example`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error('publicUrl (CK_PUBLIC_URL) must be an http: or https: URL without query, fragment or credentials, such as https://complaints.bank.example');
  }
  return url.href.replace(/\/+$/, '');
}
