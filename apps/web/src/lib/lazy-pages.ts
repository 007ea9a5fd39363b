import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

// biome-ignore lint/suspicious/noExplicitAny: a page of any props, as React.lazy takes it
type Page = ComponentType<any>;
/** The names of the pages `M` exports. */
type PageName<M> = { [K in keyof M]: M[K] extends Page ? K : never }[keyof M];

/**
 * The pages `names` of the module `load` brings, each a `React.lazy` component: the module's
 * chunk is fetched the first time one of them is shown, not with the first page.
 */
export function lazyPages<M, K extends PageName<M>>(
  load: () => Promise<M>,
  names: readonly K[],
): { [P in K]: LazyExoticComponent<M[P] & Page> } {
  const pages = {} as { [P in K]: LazyExoticComponent<M[P] & Page> };
  for (const name of names) pages[name] = lazy(() => load().then((m) => ({ default: m[name] as M[typeof name] & Page })));
  return pages;
}
