/** The dashboard's tags; `/auto` fetches the dashboard's chunk when one of them is on the page. */
export const DASHBOARD_TAGS = [
  'ck-complaint-dashboard',
  'ck-dashboard-rates',
  'ck-dashboard-shares',
  'ck-dashboard-timeliness',
  'ck-dashboard-trend',
  'ck-dashboard-heat-map',
  'ck-dashboard-alerts',
] as const;

let loading: Promise<unknown> | undefined;

/**
 * Loads and defines the dashboard elements (its own chunk). Safe to call many times.
 *
 * @example
 * ```ts
 * await loadDashboard();
 * document.body.append(document.createElement('ck-complaint-dashboard'));
 * ```
 */
export function loadDashboard(): Promise<unknown> {
  loading ??= import('./define.js');
  return loading;
}

/**
 * Shoelace-style autoloader: loads the dashboard's chunk as soon as an undefined dashboard tag is
 * in the document (now or later), so a page that never shows one never downloads it. Tags created
 * inside another element's shadow root are not seen: call {@link loadDashboard} there.
 *
 * @example
 * ```ts
 * autoloadDashboard(document);
 * ```
 */
export function autoloadDashboard(root: Document = document): void {
  if (typeof MutationObserver === 'undefined' || !root?.documentElement) return;
  const selector = DASHBOARD_TAGS.map((t) => `${t}:not(:defined)`).join(',');
  const observer = new MutationObserver(() => check());
  const check = () => {
    if (!root.querySelector(selector)) return;
    observer.disconnect();
    void loadDashboard();
  };
  observer.observe(root.documentElement, { childList: true, subtree: true });
  check();
}
