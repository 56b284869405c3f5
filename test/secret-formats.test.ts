// The synchronous adapter over secretlint's recommended preset (rules/_core/secret-formats.ts)
// against secretlint's own engine: on every script of the benchmark corpus, @secretlint/core's
// lintSource reports exactly what the adapter reports (the preset configured as the adapter runs
// it: access key ids on, the comment filter off). A preset version that reported asynchronously,
// or a core that did more than run the rules, would fail here.
import { lintSource } from '@secretlint/core';
import { creator as preset } from '@secretlint/secretlint-rule-preset-recommend';
import { describe, expect, it } from 'vitest';
import { secretCorpus } from '../bench/secret-corpus.js';
import { findTokenFormats, presetReports } from '../rules/_core/secret-formats.js';

const PREFIX = '@secretlint/secretlint-rule-';

async function secretlintReports(content: string): Promise<string[]> {
  const result = await lintSource({
    source: { content, filePath: '/lifecycle/on-start.sh', ext: '.sh', contentType: 'text' },
    options: {
      config: {
        rules: [
          {
            id: `${PREFIX}preset-recommend`,
            rule: preset,
            rules: [
              { id: `${PREFIX}aws`, options: { enableIDScanRule: true } },
              { id: `${PREFIX}filter-comments`, disabled: true },
            ],
          },
        ],
      },
    },
  } as Parameters<typeof lintSource>[0]);
  return result.messages
    .filter((m) => m.messageId !== 'AWSAccountID')
    .map((m) => `${m.ruleId.slice(PREFIX.length)} ${m.messageId} ${m.range.join('-')}`)
    .sort();
}

describe('the preset adapter', () => {
  const corpus = secretCorpus();

  it('reports exactly what secretlint reports, on every script of the corpus', async () => {
    let reports = 0;
    for (const c of corpus) {
      const ours = presetReports(c.script)
        .map((r) => `${r.rule} ${r.messageId} ${r.range.join('-')}`)
        .sort();
      expect(ours, c.name).toEqual(await secretlintReports(c.script));
      reports += ours.length;
    }
    // The corpus does exercise the preset: most scripts holding a token get reports.
    expect(reports).toBeGreaterThan(200);
  });

  it('points each finding at the token itself, whatever range the rule reported', () => {
    const text = 'x\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYQ7EXAMPLEK\n';
    const [finding] = findTokenFormats(text);
    expect(finding?.form).toBe('AWS secret access key');
    expect(text.slice(finding!.start, finding!.end)).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYQ7EXAMPLEK');
  });
});
