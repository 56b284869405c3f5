// The documentation stays true: links resolve, shown commands run as shown (those that need no
// AWS) and print what is shown, and every option of every command is documented. Conventions:
// docs/testing.md, "The docs test".
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../cli/paths.js';

const PAGES = [
  'README.md',
  'bench/README.md',
  ...readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (page: string) => readFileSync(join(PACKAGE_ROOT, page), 'utf8');
const SKIP_MARKERS = ['<!-- needs-aws -->', '<!-- example -->', '<!-- long-running -->'];
const COMMAND = /^(?:\$ )?npx ml-config-rules(?:\s|$)/;
const COLUMNS = '100';

interface Block {
  lang: string;
  lines: string[];
  /** Line (0-based) of the opening fence. */
  at: number;
  skipped: boolean;
}

function blocksOf(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    blocks.push({
      lang: open[1]!,
      lines: lines.slice(i + 1, end),
      at: i,
      skipped: SKIP_MARKERS.includes(lines[before] ?? ''),
    });
    i = end;
  }
  return blocks;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const anchorsOf = (text: string) =>
  new Set(
    text
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => anchorOf(l.replace(/^#+ /, ''))),
  );

/** Markdown outside fenced blocks and inline code, where links live. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

describe('links', () => {
  for (const page of PAGES) {
    it(`every relative link of ${page} resolves`, () => {
      const broken: string[] = [];
      for (const [, target] of prose(read(page)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [path, anchor] = target!.split('#');
        const file = path ? join(PACKAGE_ROOT, dirname(page), path) : join(PACKAGE_ROOT, page);
        if (!existsSync(file)) broken.push(`${target} (no file)`);
        else if (anchor && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor))
          broken.push(`${target} (no heading)`);
      }
      expect(broken).toEqual([]);
    });
  }
});

it('shows no bare ml-config-rules command, which the shell cannot find after npm ci', () => {
  const bare = PAGES.flatMap((page) =>
    blocksOf(read(page)).flatMap((b) =>
      b.lines.filter((l) => /^(\$ |\s*script: )?ml-config-rules /.test(l)).map((l) => `${page}: ${l}`),
    ),
  );
  expect(bare).toEqual([]);
});

interface Shown {
  page: string;
  command: string;
  /** The output shown after the command, if any. */
  output?: string[];
}

/** Command lines (joined over trailing `\`) of the runnable blocks, each with the output shown after it. */
function shownCommands(page: string): Shown[] {
  const blocks = blocksOf(read(page));
  const out: Shown[] = [];
  blocks.forEach((block, n) => {
    if (block.skipped || !['sh', 'console'].includes(block.lang)) return;
    const console = block.lang === 'console';
    for (let i = 0; i < block.lines.length; i++) {
      if (!COMMAND.test(block.lines[i]!)) continue;
      let command = block.lines[i]!.replace(/^\$ /, '');
      while (command.endsWith('\\')) command = `${command.slice(0, -1)} ${block.lines[++i]!.trim()}`;
      let output: string[] | undefined;
      if (console) {
        const next = block.lines.findIndex((l, j) => j > i && l.startsWith('$ '));
        output = block.lines.slice(i + 1, next < 0 ? undefined : next);
        if (output.length === 0) output = undefined;
      }
      out.push({ page, command, output });
    }
    // An sh block's last command may be followed by a block of its output.
    const next = blocks[n + 1];
    if (!console && next && !['sh', 'console', 'text', 'yaml', 'ts'].includes(next.lang) && out.length > 0) {
      const between = read(page)
        .split('\n')
        .slice(block.at + block.lines.length + 2, next.at);
      if (between.every((l) => l.trim() === '')) out[out.length - 1]!.output = next.lines;
    }
  });
  return out;
}

/** Split a command line as the shell would for these simple commands: quotes, no expansion. */
function words(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PACKAGE_ROOT, 'bin', 'ml-config-rules.js'), ...args],
      {
        cwd,
        env: { ...process.env, COLUMNS, AWS_ACCESS_KEY_ID: '', AWS_PROFILE: 'docs-test-no-aws' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Does `actual` match the shown lines, where a line `...` stands for any number of lines? */
function matches(actual: string[], shown: string[]): boolean {
  const trim = (l: string) => l.trimEnd();
  const pattern = shown
    .map(trim)
    .map((l) => (l.trim() === '...' ? '(?:.*\n)*?' : `${l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  return new RegExp(`^${pattern.join('')}$`).test(`${actual.map(trim).join('\n')}\n`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const work: string[] = [];
afterAll(() => {
  for (const dir of work) rmSync(dir, { recursive: true, force: true });
});

describe('shown commands', () => {
  for (const page of PAGES) {
    const commands = shownCommands(page);
    if (commands.length === 0) continue;
    it(`run as shown in ${page}`, { timeout: 120_000 }, async () => {
      // A folder of its own, so a command that writes a file leaves the repository alone.
      const cwd = mkdtempSync(join(tmpdir(), 'docs-test-'));
      work.push(cwd);
      symlinkSync(join(PACKAGE_ROOT, 'fixtures'), join(cwd, 'fixtures'));
      for (const { command, output } of commands) {
        const [redirect, file] = /\s>\s*(\S+)$/.exec(command) ?? [];
        const args = words(redirect ? command.slice(0, -redirect.length) : command).slice(2);
        // A boxed table shown is what a terminal prints; this test is a pipe, where tables are
        // tab-separated unless --format table asks for the boxes.
        if (output?.some((l) => /^[┌│└]/.test(l)) && !args.includes('--format')) args.push('--format', 'table');
        const result = await run(cwd, args);
        const printed = `${result.stdout}${result.stderr}`;
        if (file) writeFileSync(join(cwd, file), result.stdout);
        expect(result.code, `${page}: ${command}\n${result.stderr}`).toBe(0);
        if (!output) continue;
        const shown = output.join('\n');
        const json = parseJson(shown);
        if (json !== undefined) expect(parseJson(result.stdout), `${page}: ${command}`).toEqual(json);
        else
          expect(
            matches(printed.replace(/\n$/, '').split('\n'), output),
            `${page}: ${command} printed\n${printed}`,
          ).toBe(true);
      }
    });
  }
});

/** `npm run <script> [-- args]` lines of the runnable blocks of a page. */
function npmRunExamples(page: string): string[] {
  return blocksOf(read(page))
    .filter((b) => !b.skipped && ['sh', 'console'].includes(b.lang))
    .flatMap((b) => b.lines.map((l) => l.replace(/^\$ /, '').replace(/\s+#.*$/, '')))
    .filter((l) => /^npm run [a-z:-]+(\s|$)/.test(l));
}

/** A copy of the pack for a command that writes into it (new-rule, readme); node_modules is shared. */
function packCopy(): string {
  const copy = mkdtempSync(join(tmpdir(), 'docs-test-pack-'));
  work.push(copy);
  for (const entry of [
    'rules',
    'cli',
    'deploy',
    'policy',
    'fixtures',
    'scripts',
    'bin',
    'docs',
    'bench',
    'package.json',
    'tsconfig.json',
    'README.md',
  ])
    cpSync(join(PACKAGE_ROOT, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

describe('npm run examples', () => {
  const examples = PAGES.flatMap((page) => npmRunExamples(page).map((command) => [page, command] as const));

  it('finds the examples (the test tests something)', () => {
    expect(examples.map(([, command]) => command)).toContain(
      'npm run new-rule -- sagemaker-notebook-small-volume --type AWS::SageMaker::NotebookInstance',
    );
  });

  it.each(examples)('%s: %s exits 0 in a copy of the pack', async (_page, command) => {
    const npm = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        'npm',
        words(command).slice(1),
        { cwd: packCopy(), env: { ...process.env, COLUMNS } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
    expect(npm.code, `${command}\n${npm.output}`).toBe(0);
  });
});

/** The options `<command> --help` lists, long forms only. */
function optionsOf(help: string): string[] {
  const section = help.slice(help.indexOf('Options:'));
  return [...section.matchAll(/^\s{2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((o) => o !== '--help');
}

/** A command's section of docs/cli.md, and the docs pages it links. */
function documentationOf(command: string): string {
  const cli = read('docs/cli.md');
  const start = cli.indexOf(`\n## ${command}\n`);
  if (start < 0) return '';
  const end = cli.indexOf('\n## ', start + 1);
  const section = cli.slice(start, end < 0 ? undefined : end);
  const linked = [...prose(section).matchAll(/\]\(([a-z-]+\.md)(?:#[^)]*)?\)/g)].map((m) => read(`docs/${m[1]}`));
  return [section, ...linked].join('\n');
}

it('documents every option of every command in docs/cli.md or the page it links', { timeout: 60_000 }, async () => {
  const main = await run(PACKAGE_ROOT, ['--help']);
  const commands = [...main.stdout.slice(main.stdout.indexOf('Commands:')).matchAll(/^\s{2}([a-z-]+)/gm)]
    .map((m) => m[1]!)
    .filter((c) => c !== 'help');
  expect(commands.length).toBeGreaterThan(5);
  const missing: string[] = [];
  const helps = await Promise.all(commands.map((c) => run(PACKAGE_ROOT, [c, '--help'])));
  commands.forEach((command, i) => {
    const docs = documentationOf(command);
    if (!docs) missing.push(`${command}: no "## ${command}" section in docs/cli.md`);
    for (const option of optionsOf(helps[i]!.stdout)) if (!docs.includes(option)) missing.push(`${command} ${option}`);
  });
  expect(missing).toEqual([]);
});

it('parses the commands shown in the docs (the test tests something)', () => {
  const all = PAGES.flatMap(shownCommands);
  expect(all.length).toBeGreaterThan(5);
  expect(all.filter((c) => c.output).length).toBeGreaterThan(3);
  expect(relative(PACKAGE_ROOT, join(PACKAGE_ROOT, 'docs'))).toBe('docs');
});
