// JUnit XML, the report format CI systems (GitLab, Jenkins, GitHub test reporters) all read:
// one <testsuite> per rule, one <testcase> per rule × resource. NON_COMPLIANT is a <failure>,
// NOT_APPLICABLE is <skipped>, a rule that could not run is an <error>.

export interface JunitCase {
  name: string;
  classname: string;
  failure?: { type: string; message: string };
  skipped?: string;
  error?: { type: string; message: string };
}

export interface JunitSuite {
  name: string;
  cases: JunitCase[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape for XML text and attributes; characters XML 1.0 forbids are dropped. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');

function counts(cases: JunitCase[]) {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: cases.filter((c) => c.error).length,
    skipped: cases.filter((c) => c.skipped !== undefined).length,
  };
}

function testcase(c: JunitCase): string {
  const open = `    <testcase${attrs({ classname: c.classname, name: c.name, time: 0 })}`;
  if (c.failure)
    return `${open}>\n      <failure${attrs(c.failure)}>${xmlEscape(c.failure.message)}</failure>\n    </testcase>`;
  if (c.error) return `${open}>\n      <error${attrs(c.error)}>${xmlEscape(c.error.message)}</error>\n    </testcase>`;
  if (c.skipped !== undefined) return `${open}>\n      <skipped${attrs({ message: c.skipped })}/>\n    </testcase>`;
  return `${open}/>`;
}

export function junitXml(name: string, suites: JunitSuite[], timestamp: string): string {
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name, ...counts(all), time: 0 })}>`,
    ...suites.flatMap((s) => [
      `  <testsuite${attrs({ name: s.name, ...counts(s.cases), time: 0, timestamp })}>`,
      ...s.cases.map(testcase),
      '  </testsuite>',
    ]),
    '</testsuites>',
  ];
  return lines.join('\n') + '\n';
}
