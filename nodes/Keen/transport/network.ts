/*
 * What went wrong on the way to Keen, in words that say what to do. n8n rewords network errors
 * from their code ("ECONNABORTED" → "perhaps the server is offline", also for a timeout against a
 * server that accepted the connection), so the code is read from the error and its causes (Node's
 * `code`; n8n 1.x keeps only its own error, whose `httpCode` is the code) and the words are ours.
 */

export type NetworkFailureKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'tls';

const KIND_OF_CODE: Array<[NetworkFailureKind, RegExp]> = [
	['timeout', /^(ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ERR_SOCKET_CONNECTION_TIMEOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT)$/],
	['refused', /^ECONNREFUSED$/],
	['reset', /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/],
	['dns', /^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NODATA|EAI_NONAME)$/],
	['tls', /^(EPROTO|ERR_SSL_\w+|ERR_TLS_\w+|CERT_\w+|\w*_CERT\w*|UNABLE_TO_\w+)$/],
];

/** The codes on an error and its causes, outermost first. */
function codesOf(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		for (const code of [(current as { code?: unknown }).code, (current as { httpCode?: unknown }).httpCode]) {
			if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) codes.push(code);
		}
		current = (current as { cause?: unknown }).cause;
	}
	return codes;
}

export function networkFailureKind(error: unknown): NetworkFailureKind | undefined {
	for (const code of codesOf(error)) {
		const kind = KIND_OF_CODE.find(([, pattern]) => pattern.test(code));
		if (kind) return kind[0];
	}
	return undefined;
}

/** OpenSSL's reason out of its message ("…:SSL routines:ssl3_get_record:wrong version number:…" → "wrong version number"). */
function tlsReason(reason: string): string {
	return /SSL routines:[^:]*:([^:]+)/.exec(reason)?.[1] ?? reason;
}

function hostOf(url: string): { host: string; hostname: string } {
	try {
		const { host, hostname } = new URL(url);
		return { host, hostname };
	} catch {
		return { host: url, hostname: url };
	}
}

export interface NetworkFailure {
	message: string;
	hint: string;
}

/**
 * Message and hint for a request that got no HTTP answer. `reason` is the error's text, `url` the
 * URL sent (without any key), `timeoutMs` the limit that applied, `attempts` how many were made.
 */
export function describeNetworkFailure(error: unknown, reason: string, url: string, timeoutMs: number, attempts: number): NetworkFailure {
	const { host, hostname } = hostOf(url);
	const tries = `${attempts} attempt${attempts === 1 ? '' : 's'}`;
	switch (networkFailureKind(error)) {
		case 'timeout':
			return {
				message: `no answer from ${host} within ${timeoutMs} ms (${tries})`,
				hint:
					`The server did not refuse the request; it did not answer in time. Raise the node's Request Options → Timeout (now ${timeoutMs} ms) ` +
					'for large queries, or narrow the timeframe. If every request times out, check the API URL in the Keen credential and any proxy or firewall in between.',
			};
		case 'refused':
			return {
				message: `${host} refused the connection (${tries})`,
				hint: "Nothing accepts connections at that address: check the host and port of the API URL in the Keen credential (Keen's own is https://api.keen.io).",
			};
		case 'reset':
			return {
				message: `the connection to ${host} was closed before an answer came (${tries})`,
				hint: 'The server or a proxy in between reset the connection. Try again later; if it keeps happening, check any proxy or firewall between n8n and Keen.',
			};
		case 'dns':
			return {
				message: `the host name "${hostname}" could not be resolved (${tries})`,
				hint: "Check the host name in the API URL of the Keen credential (Keen's own is api.keen.io) and this machine's DNS settings.",
			};
		case 'tls':
			return {
				message: `the secure (TLS) connection to ${host} failed: ${tlsReason(reason)} (${tries})`,
				hint:
					'If the server speaks plain HTTP, the API URL must start with http:// instead of https://. If its certificate is self-signed, ' +
					'expired or made for another name, fix the certificate or make n8n trust its authority (NODE_EXTRA_CA_CERTS).',
			};
		default:
			return {
				message: `could not reach Keen after ${tries}: ${reason}`,
				hint: 'Check the API URL in the Keen credential and the network. Retries were exhausted.',
			};
	}
}

/** 3xx answers: n8n is told never to follow them (credentials/KeenApi.credentials.ts). */
export function isRedirect(status: number): boolean {
	return status >= 300 && status < 400;
}

function originOf(url: string, base?: string): string | undefined {
	try {
		return new URL(url, base).origin;
	} catch {
		return undefined;
	}
}

/** Message and hint for a redirect that was not followed; `location` as the server sent it (redact it before showing). */
export function describeRedirect(status: number, location: unknown, url: string): NetworkFailure {
	const target = typeof location === 'string' && location.trim() !== '' ? location.trim().slice(0, 300) : undefined;
	const origin = target === undefined ? undefined : originOf(target, url);
	return {
		message: `the API URL answered ${status} with a redirect ${target === undefined ? 'without a Location' : `to ${target}`}, which was not followed`,
		hint:
			'Redirects are never followed, so no key can travel to another host. ' +
			(origin !== undefined && origin !== originOf(url)
				? `If ${origin} is where the Keen API lives, put it in the API URL of the Keen credential; otherwise check the API URL and any proxy in between.`
				: 'Check the API URL in the Keen credential (without /3.0) and any proxy in between.'),
	};
}
