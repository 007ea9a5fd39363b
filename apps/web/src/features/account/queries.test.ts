import { describe, expect, it } from 'vitest';
import { describeDevice } from './queries.ts';

describe('describeDevice', () => {
  it('names the browser and the system a person recognises, from real User-Agent strings', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
      ),
    ).toBe('Edge sur Windows');
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0')).toBe('Firefox sur Linux');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari sur iOS');
    expect(
      describeDevice(
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      ),
    ).toBe('Chrome sur Android');
  });

  it('says nothing it cannot tell: no User-Agent, or the start of an unknown one', () => {
    expect(describeDevice(null)).toBeNull();
    expect(describeDevice('curl/8.5.0')).toBe('curl/8.5.0');
  });
});
