import { describe, expect, it } from 'vitest';
import { parseBuildOutput } from '../../scripts/bench/build-output.ts';

describe('parseBuildOutput', () => {
  it('reads the --json summary', () => {
    const out = '{"documents":183,"rendered":1,"reused":182,"bundles":1,"files":640,"seconds":1.234,"maxRssMb":250,"renderedIds":["x"]}\n';
    expect(parseBuildOutput(out)).toEqual({ documents: 183, rendered: 1, reused: 182, bundles: 1, files: 640, seconds: 1.234, maxRssMb: 250, json: true });
  });

  it('reads the text summary of a build without a cache', () => {
    const out =
      '⚠ 1 advarsel fra kontrollen (se npm run check)\n✔ 33 dokumenter og 8 kommunepakker dannet i out/ (81 forseglede PDF’er) på 7.4 s\n  Forseglet med det lokale TESTCERTIFIKAT: kun til udvikling.\n';
    expect(parseBuildOutput(out)).toMatchObject({ documents: 33, rendered: 33, reused: 0, bundles: 8, seconds: 7.4, json: false });
  });

  it('reads the text summary of a build with a cache', () => {
    expect(parseBuildOutput('✔ 33 dokumenter og 8 kommunepakker i out/: 2 dannet, 31 uændrede · 81 forseglede PDF’er · 1.2 s\n')).toMatchObject({
      documents: 33,
      rendered: 2,
      reused: 31,
      seconds: 1.2,
    });
    expect(parseBuildOutput('✔ 33 dokumenter og 8 kommunepakker i out/: alt var allerede opdateret · 81 forseglede PDF’er · 0.4 s\n')).toMatchObject({
      rendered: 0,
      reused: 33,
      seconds: 0.4,
    });
  });
});
