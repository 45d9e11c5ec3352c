import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../command';
import { memoryIo } from '../memory-io';
import { scoreText } from '../../core/sentiment/score-text';
import { sentimentCommand } from './sentiment';

async function sentiment(args: string[], files: Record<string, string>) {
  const { io, out, written } = memoryIo(files, 13);
  const code = await sentimentCommand.run(args, io);
  return { code, out, written };
}

describe('cli sentiment', () => {
  it('scores one text per line as CSV label,score with the worker scorer', async () => {
    const texts = [
      'Acme beats estimates and raises guidance',
      'Acme to report results on Friday',
      'Acme cuts guidance',
    ];
    const { code, out } = await sentiment(['--in', 't.txt'], { 't.txt': `\uFEFF${texts.join('\n')}\n\n` });
    expect(code).toBe(0);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('label,score');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['positive', 'neutral', 'negative']);
    lines.slice(1).forEach((line, i) => {
      expect(Number(line.split(',')[1])).toBeCloseTo(scoreText(texts[i]!).score, 4);
    });
    expect(out.stderr).toContain('sentiment: 3 texts (plain text)');
  });

  it('reads NDJSON objects with a text field and writes --out atomically', async () => {
    const input = [
      '{"id":1,"text":"Bitcoin surges to a record high"}',
      '{"text":"","source":"x"}',
      '{"text":"Die Aktie fällt stark"}',
    ].join('\n');
    const { code, written, out } = await sentiment(['--in', 'n.ndjson', '--out', 'o.csv'], { 'n.ndjson': input });
    expect(code).toBe(0);
    expect(out.stdout).toBe('');
    const rows = written.get('o.csv')!.trimEnd().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^positive,0\.\d{4}$/);
    expect(rows.slice(2)).toEqual(['neutral,0.0000', 'neutral,0.0000']);
  });

  it('a bad NDJSON line names the file and line, and nothing is written', async () => {
    const input = '{"text":"fine"}\n{"text":"also fine"}\n{"title":"no text"}\n';
    const run = sentiment(['--in', 'bad.ndjson', '--out', 'o.csv'], { 'bad.ndjson': input });
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow('bad.ndjson: line 3: no string field "text"');
    const { io, out, written } = memoryIo({ 'bad.ndjson': '{"text":"a"}\nnot json\n' });
    await expect(sentimentCommand.run(['--in', 'bad.ndjson'], io)).rejects.toThrow('line 2: not JSON');
    expect(out.stdout).toBe('');
    expect(written.size).toBe(0);
  });

  it('a plain-text file may hold lines that look like JSON', async () => {
    const { code, out } = await sentiment(['--in', 'p.txt'], { 'p.txt': 'Stocks fall\n{"text": 1}\n' });
    expect(code).toBe(0);
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('refuses an empty file, a missing file and bad flags', async () => {
    await expect(sentiment(['--in', 'e.txt'], { 'e.txt': '\n\n' })).rejects.toThrow('e.txt: no texts in file');
    await expect(sentiment(['--in', 'missing.txt'], {})).rejects.toThrow('missing.txt');
    await expect(sentiment([], {})).rejects.toThrow(UsageError);
    await expect(sentiment(['--in', 'a', '--bogus'], { a: 'x' })).rejects.toThrow('unknown flag --bogus');
  });

  it('has help naming the layout', () => {
    expect(sentimentCommand.help).toContain('label,score');
    expect(sentimentCommand.help).toContain('--in FILE');
  });
});
