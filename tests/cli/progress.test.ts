/** The progress lines `build` and `diff` write on stderr, with a fake clock and stream. */
import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../scripts/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (chunk: string | Uint8Array) => written.push(String(chunk)) > 0 } };
}

describe('progress on stderr', () => {
  it('says nothing until the delay has passed, then where the run is', () => {
    let clock = 0;
    const { written, stream } = fakeStream(false);
    const report = progressReporter({ delayMs: 1000, prefix: 'diff: ', stream, now: () => clock });
    report(0, 0, 'kontrollerer c0b2175 …');
    clock = 400;
    report(0, 0, 'kontrollerer arbejdskopien …');
    expect(written).toEqual([]); // a quick run stays silent
    clock = 1200;
    for (let done = 1; done <= 30; done++) report(done, 30, 'dokumenter sammenlignet');
    // About ten lines in a log, not thirty, and the last one always.
    expect(written[0]).toBe('diff: [3/30] dokumenter sammenlignet\n');
    expect(written.length).toBe(10);
    expect(written.at(-1)).toBe('diff: [30/30] dokumenter sammenlignet\n');
  });

  it('prints each phase without a count once in a log', () => {
    const { written, stream } = fakeStream(false);
    const report = progressReporter({ prefix: 'diff: ', stream, now: () => 0 });
    report(0, 0, 'kontrollerer c0b2175 …');
    report(0, 0, 'kontrollerer c0b2175 …');
    report(0, 0, 'kontrollerer arbejdskopien …');
    expect(written).toEqual(['diff: kontrollerer c0b2175 …\n', 'diff: kontrollerer arbejdskopien …\n']);
  });

  it('rewrites one line on a terminal and clears it at the end', () => {
    const { written, stream } = fakeStream(true);
    const report = progressReporter({ stream, now: () => 0 });
    report(1, 2, 'hsa-lejre-akutsygepleje');
    report(2, 2, 'hsa-lejre-akutsygepleje');
    expect(written).toEqual(['\r\x1b[K[1/2] hsa-lejre-akutsygepleje', '\r\x1b[K[2/2] hsa-lejre-akutsygepleje', '\r\x1b[K']);
  });

  it('is silent with --quiet', () => {
    const { written, stream } = fakeStream(false);
    progressReporter({ quiet: true, stream, now: () => 0 })(1, 1, 'x');
    expect(written).toEqual([]);
  });
});
