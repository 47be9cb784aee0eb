import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, --json). */
export function createProgressBar(label: string) {
  if (!process.stderr.isTTY) return { update: (_done: number, _total: number | null) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number | null) {
      if (!started) {
        bar.start(total ?? 0, done);
        started = true;
      }
      if (total !== null) bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
