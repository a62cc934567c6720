import type { RequestHandler } from 'express';

/** One route of the control API: how it is mounted, and how the 404 of an unknown route lists it. */
export interface ControlRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** What the listing adds after the path: a query, a body, what the route is for. */
  shown?: string;
  handler: RequestHandler;
}

/** `GET /journal?since=N`, as the 404 of an unknown route lists it. */
export function listed(route: ControlRoute): string {
  return `${route.method.toUpperCase()} ${route.path}${route.shown ?? ''}`;
}
