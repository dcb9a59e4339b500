import { stat } from 'node:fs/promises';

/** @internal a progress bar over the input files' total size, on a terminal only. */
export async function progressBar(files: readonly string[], enabled: boolean) {
  if (!enabled || !process.stderr.isTTY || !files.length) return { update: (_read: number, _position: number) => undefined, stop: () => undefined };
  const sizes = await Promise.all(files.map((f) => stat(f).then((s) => s.size).catch(() => 0)));
  const total = sizes.reduce((a, b) => a + b, 0) || 1;
  // Loaded only when a bar is drawn: a daily run under cron does not pay for it.
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'reading {bar} {percentage}% | {read} complaints | {eta_formatted} left', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { read: 0 });
  let done = 0;
  let fileIndex = 0;
  let lastPosition = 0;
  return {
    update(read: number, position: number) {
      if (position < lastPosition) {
        done += sizes[fileIndex] ?? 0;
        fileIndex++;
      }
      lastPosition = position;
      bar.update(Math.min(done + position, total), { read });
    },
    stop: () => bar.stop(),
  };
}
