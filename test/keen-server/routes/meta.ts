import { invalidKey } from '../auth';
import { json, projectPath, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';
import type { Project } from '../state';
import { timezoneList } from '../timezones';

/** GET /3.0/projects/{PID} (§5.4). */
function projectInfo(project: Project): Record<string, unknown> {
	const collections = [...project.store.collections.keys()].sort();
	return {
		id: project.id,
		name: project.name,
		events: collections.map((name) => ({ name, url: projectPath(project, 'events', name) })),
		events_url: projectPath(project, 'events'),
		queries_url: projectPath(project, 'queries'),
		saved_queries: [...project.savedQueries.keys()].map((name) => ({ name, url: projectPath(project, 'queries', 'saved', name) })),
		url: projectPath(project),
	};
}

/** GET /3.0/projects (legacy, §3 row 15): the project the master key belongs to. */
function projectsForKey(ctx: RequestContext): Reply {
	if (ctx.key?.kind !== 'master' || !ctx.key.project) throw invalidKey('This endpoint needs a project master key.');
	return json(200, [projectInfo(ctx.key.project)]);
}

/** GET /3.0/projects/{PID}/limits (§5.6): saved queries with a refresh rate count as cached. */
function limits(ctx: RequestContext): Reply {
	const inUse = [...ctx.project.savedQueries.values()].filter((saved) => saved.refresh_rate > 0).length;
	return json(200, { cached_queries: { organization_limit: ctx.state.limits.cachedQueries, in_use: inUse } });
}

export const metaRoutes: Route[] = [
	{ method: 'GET', path: '/', access: 'public', handle: () => json(200, [{ version: '3.0', url: '/3.0', is_public: true }]) },
	{ method: 'GET', path: '/3.0', access: 'public', handle: () => json(200, { projects_resource_url: '/3.0/projects' }) },
	{ method: 'GET', path: '/timezones', access: 'public', handle: (ctx) => json(200, timezoneList(ctx.state.now())) },
	{ method: 'GET', path: '/3.0/projects', access: 'public', handle: projectsForKey },
	{ method: 'GET', path: '/3.0/projects/:pid', access: 'master', handle: (ctx) => json(200, projectInfo(ctx.project)) },
	{ method: 'GET', path: '/3.0/projects/:pid/limits', access: 'master', handle: limits },
];
