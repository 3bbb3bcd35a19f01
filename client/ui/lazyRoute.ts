import { lazy, type ComponentType } from 'react';
import { loadNamespace, type Namespace } from '../i18n/i18n.ts';

/**
 * A code-split page with its strings. `preload` starts both downloads before React asks, so the
 * first paint does not wait for one after the other.
 */
export function lazyRoute<P extends object>(namespace: Namespace | null, load: () => Promise<ComponentType<P>>) {
  let promise: Promise<{ default: ComponentType<P> }> | undefined;
  const preload = () =>
    (promise ??= Promise.all([load(), namespace ? loadNamespace(namespace) : Promise.resolve()]).then(([component]) => ({ default: component })));
  return { Component: lazy(preload), preload };
}
