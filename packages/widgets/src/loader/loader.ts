// The loader script (< 3 KB): for pages that cannot bundle. A page includes it with a plain
// <script src> (no inline script needed, so it works under a strict CSP) and calls
// `ComplaintKit(command, ...args)`; calls made before it loaded wait in `ComplaintKit.q` (the
// Intercom / Zendesk command queue) and run in order once the elements are defined.
// It loads `auto.js` from beside itself, or from `data-module` on its script tag.

type Command = [name: string, ...args: unknown[]];
type Api = ((...command: Command) => unknown) & { q?: IArguments[] | Command[]; loaded?: boolean };
type Widgets = {
  configure(options: object): void;
};

((w: Window & { ComplaintKit?: Api }, d: Document) => {
  if (w.ComplaintKit?.loaded) return;
  const script = d.currentScript as HTMLScriptElement | null;
  const src = script?.dataset.module ?? new URL('auto.js', script?.src ?? d.baseURI).href;
  const queue: Command[] = [...((w.ComplaintKit?.q ?? []) as ArrayLike<unknown>[])].map((a) => [...(a as unknown[])] as Command);
  let widgets: Widgets | undefined;

  const run = (name: string, args: unknown[]): unknown => {
    const m = widgets as Widgets;
    if (name === 'configure') return m.configure(args[0] as object);
    if (name === 'mount') {
      // mount(target, tag, properties): makes the element, sets its properties, appends it.
      const [target, tag, props] = args as [string | Element, string, Record<string, unknown> | undefined];
      const parent = typeof target === 'string' ? d.querySelector(target) : target;
      const el = d.createElement(tag.startsWith('ck-') ? tag : `ck-${tag}`);
      Object.assign(el, props ?? {});
      parent?.append(el);
      return el;
    }
    if (name === 'unmount') {
      const el = typeof args[0] === 'string' ? d.querySelector(args[0]) : (args[0] as Element | null);
      el?.remove();
      return undefined;
    }
    if (name === 'on') {
      const [type, fn] = args as [string, (detail: unknown, e: Event) => void];
      const h = (e: Event) => fn((e as CustomEvent).detail, e);
      const t = type.startsWith('ck-') ? type : `ck-${type}`;
      d.addEventListener(t, h);
      return () => d.removeEventListener(t, h);
    }
    if (name === 'ready') return (args[0] as (m: Widgets) => void)(m);
    throw new Error(`ComplaintKit: unknown command "${name}" (configure, mount, unmount, on, ready)`);
  };

  const api: Api = (...command) => {
    if (!widgets) {
      queue.push(command);
      return undefined;
    }
    return run(command[0], command.slice(1));
  };
  api.q = queue;
  api.loaded = true;
  w.ComplaintKit = api;

  import(/* @vite-ignore */ src).then(
    (m: Widgets) => {
      widgets = m;
      for (const [name, ...args] of queue.splice(0)) {
        try {
          run(name, args);
        } catch (e) {
          console.error(e);
        }
      }
    },
    (e: unknown) => console.error(`ComplaintKit: could not load ${src}`, e),
  );
})(window, document);
