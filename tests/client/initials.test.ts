/** Presence dots' initials (client/model/initials.ts). */
import { describe, expect, it } from 'vitest';
import { initials } from '../../client/model/initials.js';

describe('initials', () => {
  it('leave out bracketed parts and punctuation: "Wanshi Chen (Chair)" reads WC', () => {
    expect(initials('Wanshi Chen (Chair)')).toBe('WC');
    expect(initials('Wanshi Chen [Huawei]')).toBe('WC');
    expect(initials("Dr. Ann-Marie O'Neill")).toBe('DO');
    expect(initials('"Karen" Hughes')).toBe('KH');
    expect(initials('- Jane -')).toBe('J');
  });

  it('one word, other scripts, nothing usable', () => {
    expect(initials('Karen')).toBe('K');
    expect(initials('  karen   hughes  ')).toBe('KH');
    expect(initials('李伟')).toBe('李');
    expect(initials('(Chair)')).toBe('C');
    expect(initials('')).toBe('?');
    expect(initials('...')).toBe('?');
  });
});
