#!/usr/bin/env node
// A scripted, OpenAI-compatible chat model on 127.0.0.1 for running AI Agent workflows without a real model.
//
//   node scripts/scripted-model.mjs --port 8721 [--log requests.jsonl]
//
// POST /v1/chat/completions (streamed or not). The script is in the last user message, on a line
//   SCRIPT: [{"args": {...}}, {"tool": "name", "args": {...}}, ...]
// Call N of the script is sent as a tool call once N tool answers are in the conversation (the tool is the named
// one, or the first the agent offers). When the script is used up, the model answers with every tool answer it
// got, verbatim, so the workflow's output shows exactly what the tool told the model. Without a script it calls
// each offered tool once, with the defaults of its arguments. Each request (tools offered with their descriptions and argument schemas,
// messages) is appended to the --log file as one JSON line. Prints one JSON line {"url": …} once listening.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const index = args.indexOf(`--${name}`);
	return index >= 0 ? args[index + 1] : fallback;
};
const port = Number(option('port', '8721'));
const logFile = option('log', '');

/** Each offered tool once, with the defaults its argument schema declares ($fromAI's fourth argument). */
function defaultScript(tools) {
	return tools.map((t) => ({
		tool: t.function?.name,
		args: Object.fromEntries(Object.entries(t.function?.parameters?.properties ?? {}).map(([name, schema]) => [name, schema.default ?? ''])),
	}));
}

function scriptOf(messages, tools) {
	const user = [...messages].reverse().find((m) => m.role === 'user');
	const text = typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
	const line = text.split('\n').find((l) => l.trim().startsWith('SCRIPT:'));
	return line ? JSON.parse(line.slice(line.indexOf(':') + 1)) : defaultScript(tools);
}

function reply(body) {
	const messages = body.messages ?? [];
	const script = scriptOf(messages, body.tools ?? []);
	const answers = messages.filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
	const next = script[answers.length];
	if (next) {
		const name = next.tool ?? body.tools?.[0]?.function?.name ?? 'tool';
		return { role: 'assistant', content: null, tool_calls: [{ id: `call_${answers.length + 1}`, type: 'function', function: { name, arguments: JSON.stringify(next.args ?? {}) } }] };
	}
	const content = answers.length ? answers.map((answer, i) => `Tool answer ${i + 1}: ${answer}`).join('\n') : 'No tool was called.';
	return { role: 'assistant', content };
}

function send(res, status, value) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(value));
}

const server = createServer((req, res) => {
	let raw = '';
	req.on('data', (chunk) => (raw += chunk));
	req.on('end', () => {
		if (req.method === 'GET' && /\/models$/.test(req.url)) return send(res, 200, { object: 'list', data: [{ id: 'scripted', object: 'model', owned_by: 'local' }] });
		if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url)) return send(res, 404, { error: { message: `No route ${req.method} ${req.url}` } });
		const body = JSON.parse(raw || '{}');
		if (logFile) {
			const tools = (body.tools ?? []).map((t) => ({ name: t.function?.name, description: t.function?.description, parameters: t.function?.parameters }));
			appendFileSync(logFile, `${JSON.stringify({ at: new Date().toISOString(), tools, messages: body.messages })}\n`);
		}
		const message = reply(body);
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: body.model ?? 'scripted' };
		const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
		if (!body.stream) return send(res, 200, { ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage });
		res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
		const delta = message.tool_calls ? { role: 'assistant', tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) } : { role: 'assistant', content: message.content };
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }], usage })}\n\n`);
		res.end('data: [DONE]\n\n');
	});
});

server.listen(port, '127.0.0.1', () => {
	console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}/v1` }));
});
