/**
 * @internal Fills an OpenAPI-style path template (`/v1/complaints/{id}`) with encoded parameters.
 * Throws a `TypeError` for a missing parameter: that is a programming error, not a service error.
 */
export function fillPath(template: string, params: Record<string, string> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (typeof value !== 'string' || value === '') {
      throw new TypeError(`Missing path parameter "${name}" for ${template}: pass it as a non-empty string.`);
    }
    return encodeURIComponent(value);
  });
}
