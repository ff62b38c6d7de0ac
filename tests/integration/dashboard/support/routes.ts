import type { Express } from 'express';

export interface MountedRoute {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  name?: string;
}

/**
 * Every route the app actually serves, read from Express's own router stack (nested routers included),
 * so a route added anywhere shows up here without anyone listing it.
 */
export function mountedRoutes(app: Express): MountedRoute[] {
  const found: MountedRoute[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods).filter(
          (m) => layer.route!.methods[m] && m !== '_all',
        )) {
          for (const path of paths) found.push({ method: method.toUpperCase(), path });
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  const router = (app as unknown as { router: { stack: Layer[] } }).router;
  walk(router.stack);
  return found;
}
