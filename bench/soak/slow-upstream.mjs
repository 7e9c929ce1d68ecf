// A slow OpenAI-compatible upstream for the concurrent-streams soak: every streamed chat completion is
// held open for --hold seconds, its events spread evenly over that time (role chunk at once, --chunks
// content chunks, then finish, usage and [DONE]). Non-streamed requests are answered at once.
// A request whose "user" field says "hold=<ms>" is held that long instead (the router forwards the body
// as sent; bench/soak.sh uses it for a short warm-up). No dependencies (node:http). Stop it with its PID.
//
//   node bench/soak/slow-upstream.mjs [--port 18090] [--hold 60] [--chunks 10]
import http from 'node:http';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const PORT = Number(arg('port', 18090));
const HOLD_MS = Number(arg('hold', 60)) * 1000;
const CHUNKS = Number(arg('chunks', 10));

let open = 0, served = 0, peak = 0;
const head = (model) => `{"id":"chatcmpl-slow","object":"chat.completion.chunk","created":${Math.floor(Date.now() / 1000)},"model":"${model}","system_fingerprint":"fp_slow",`;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.endsWith('/health')) { res.end('{"status":"ok"}'); return; }
  if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) { res.statusCode = 404; res.end('{"error":{"message":"not found"}}'); return; }
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    let body = {};
    try { body = JSON.parse(Buffer.concat(parts).toString('utf8')); } catch { /* answer anyway */ }
    const model = body.model || 'gpt-4o-mini';
    if (!body.stream) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: 'chatcmpl-slow', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model,
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 } }));
      return;
    }
    open++; served++; if (open > peak) peak = open;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const h = head(model);
    const events = [`data: ${h}"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}\n\n`];
    for (let i = 0; i < CHUNKS; i++) events.push(`data: ${h}"choices":[{"index":0,"delta":{"content":"w${i} "},"finish_reason":null}],"usage":null}\n\n`);
    events.push(`data: ${h}"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}\n\n`
      + `data: ${h}"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":${CHUNKS},"total_tokens":${12 + CHUNKS}}}\n\ndata: [DONE]\n\n`);
    const m = /hold=(\d+)/.exec(String(body.user || ''));
    const gap = (m ? Number(m[1]) : HOLD_MS) / (events.length - 1);
    let i = 0, timer = null, done = false;
    const finish = () => { if (!done) { done = true; open--; clearTimeout(timer); } };
    const next = () => {
      res.write(events[i++]);
      if (i < events.length) timer = setTimeout(next, gap); else { res.end(); finish(); }
    };
    res.on('close', finish);
    next();
  });
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;
server.maxConnections = 0 || Infinity;
server.listen(PORT, '127.0.0.1', () => console.error(`slow upstream on :${PORT}, hold ${HOLD_MS} ms, ${CHUNKS} chunks`));
setInterval(() => console.error(`upstream open ${open} peak ${peak} served ${served}`), 5000).unref();
process.on('SIGTERM', () => { console.error(`upstream stop: peak ${peak} served ${served}`); process.exit(0); });
