import { describe, expect, it } from 'vitest';
import { PARE_UUID_NAMESPACE, uuidV5 } from './uuid.ts';

describe('uuidV5', () => {
  it('gives the RFC test vector for www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same id for the same record every time, and different ids to different records', () => {
    expect(uuidV5('organization:1')).toBe(uuidV5('organization:1', PARE_UUID_NAMESPACE));
    expect(uuidV5('organization:1')).not.toBe(uuidV5('service:1'));
    expect(uuidV5('organization:1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
