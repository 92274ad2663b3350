import type { Access } from './auth';
import type { Reply, RequestContext } from './http';

export interface Route {
	method: string;
	/** Path pattern with `:name` segments, e.g. `/3.0/projects/:pid/events/:collection`. */
	path: string;
	/** Static access level, or one chosen from the query string (the GET beacon vs schema). */
	access: Access | ((query: URLSearchParams) => Access);
	/** Needs the master key when the `masterOnlyLists` variant is on (where the sources disagree). */
	masterOnlyVariant?: boolean;
	handle: (ctx: RequestContext) => Reply | Promise<Reply>;
}

interface CompiledRoute {
	route: Route;
	segments: string[];
}

export interface RouteMatch {
	route: Route;
	params: Record<string, string>;
}

/** Splits a raw pathname and decodes each segment, so `%2F` inside a collection name stays inside it (§2.4). */
export function splitPath(pathname: string): string[] | null {
	const parts = pathname.split('/').filter((part) => part.length > 0);
	try {
		return parts.map((part) => decodeURIComponent(part));
	} catch {
		return null;
	}
}

/** Segment-by-segment matcher; routes are tried in declaration order, so literal routes come first. */
export class Router {
	private readonly compiled: CompiledRoute[];

	constructor(routes: Route[]) {
		this.compiled = routes.map((route) => ({ route, segments: route.path.split('/').filter((part) => part.length > 0) }));
	}

	match(method: string, segments: string[]): RouteMatch | null {
		for (const { route, segments: pattern } of this.compiled) {
			if (route.method !== method || pattern.length !== segments.length) continue;
			const params = matchSegments(pattern, segments);
			if (params) return { route, params };
		}
		return null;
	}
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = segments[i];
		else if (pattern[i] !== segments[i]) return null;
	}
	return params;
}
