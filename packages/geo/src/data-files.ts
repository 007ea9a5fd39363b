import { readFileSync } from 'node:fs';

// The referential is committed under data/geo/ at the repository root (see its README), so
// the package reads it relative to its own source and needs no npm data package at run time.
export const GEO_DATA_DIR = new URL('../../../data/geo/', import.meta.url);

export function readGeoDataFile(name: string): Buffer {
  return readFileSync(new URL(name, GEO_DATA_DIR));
}

export function readGeoJson<T>(name: string): T {
  return JSON.parse(readGeoDataFile(name).toString('utf8')) as T;
}

/** Calls `load` the first time and returns the same value afterwards. */
export function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  let loaded = false;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value as T;
  };
}
