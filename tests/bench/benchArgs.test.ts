import { describe, expect, it } from 'vitest';
import { parseBenchArgs, SCENARIOS } from '../../bench/benchArgs.js';

describe('npm run bench options', () => {
  it('runs everything at full size by default and writes docs/BENCHMARKS.md', () => {
    const a = parseBenchArgs([]);
    expect(a.scenarios).toEqual([...SCENARIOS]);
    expect(a.followers).toEqual([200, 1000, 2000]);
    expect(a.reps).toBe(2);
    expect(a.out).toBe('docs/BENCHMARKS.md');
  });

  it('keeps quick runs and subsets out of the committed report unless --out is given', () => {
    expect(parseBenchArgs(['--quick']).out).toBeNull();
    expect(parseBenchArgs(['--quick']).followers).toEqual([50]);
    expect(parseBenchArgs(['--scenario', 'join']).out).toBeNull();
    expect(parseBenchArgs(['--scenario', 'fanout,import', '--out', 'x.md'])).toMatchObject({ scenarios: ['fanout', 'import'], out: 'x.md' });
  });

  it('rejects unknown scenarios, options and bad numbers with one-line messages', () => {
    expect(() => parseBenchArgs(['--scenario', 'fan'])).toThrow(/unknown scenario "fan"/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option "--fast"/);
    expect(() => parseBenchArgs(['--followers', '10,x'])).toThrow(/"x" is not a positive whole number/);
    expect(() => parseBenchArgs(['--reps'])).toThrow(/--reps needs a value/);
  });
});
