import { describe, expect, it } from 'vitest';
import { contrastRatio, inkOn } from '../../client/model/contrast.js';

describe('contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 1);
  });

  it('picks the ink that reads on a person\'s colour, always at least AA for their initials', () => {
    for (const bg of ['#d9480f', '#2b8a3e', '#1971c2', '#ae3ec9', '#e67700', '#0c8599', '#c2255c', '#5f3dc4', '#ffff00', '#00ff00', '#123456']) {
      expect(contrastRatio(bg, inkOn(bg)), bg).toBeGreaterThanOrEqual(4.5);
    }
    expect(inkOn('#ffff00')).toBe('#000000');
    expect(inkOn('#123456')).toBe('#ffffff');
  });
});
