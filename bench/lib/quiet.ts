import { machineBusy } from './procfs.ts';

/**
 * Waits (up to `maxSeconds`) for the machine to be nearly idle before a measured run, because
 * on two cores anything else running shows up in every latency. Returns how busy it was.
 */
export async function waitForQuiet(maxSeconds: number, log: (l: string) => void, threshold = 0.15): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let busy = await machineBusy(2000);
  if (busy > threshold && maxSeconds > 0) log(`machine ${(busy * 100).toFixed(0)} % busy with other work; waiting up to ${maxSeconds} s for it to settle…`);
  while (busy > threshold && Date.now() < deadline) busy = await machineBusy(2000);
  if (busy > threshold) log(`warning: measuring while the machine is ${(busy * 100).toFixed(0)} % busy with other work`);
  return busy;
}
