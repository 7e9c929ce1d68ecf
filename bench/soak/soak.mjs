// Concurrent-streams soak client: opens --streams streamed chat completions against the router (ramped
// over --ramp seconds), keeps them all open while the slow upstream holds them, and checks each one
// ends with [DONE] and no error event. Samples the router's RSS and thread count (/proc/<pid>) each second.
// HTTP/1.1, one connection per stream, from this one process (node:http, no pool limit).
//
//   node bench/soak/soak.mjs --url http://127.0.0.1:18480/v1/chat/completions --key ram_live_... \
//     [--streams 10000] [--ramp 20] [--hold 60] [--pid ROUTER_PID] [--out soak.json] [--timeout-extra 60]
//     [--hold-ms MS]   ask the slow upstream to hold each stream MS ms instead of its own --hold (warm-up runs)
import http from 'node:http';
import fs from 'node:fs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const URL_ = new URL(arg('url', 'http://127.0.0.1:18480/v1/chat/completions'));
const KEY = arg('key', '');
const N = Number(arg('streams', 10000));
const RAMP_MS = Number(arg('ramp', 20)) * 1000;
const HOLD_S = Number(arg('hold', 60));
const PID = arg('pid', '');
const OUT = arg('out', '');
const EXTRA_S = Number(arg('timeout-extra', 60));

const HOLD_OVERRIDE = arg('hold-ms', '');
const body = JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true },
  ...(HOLD_OVERRIDE ? { user: `hold=${HOLD_OVERRIDE}` } : {}),
  messages: [{ role: 'user', content: 'Soak: a long streamed answer, please.' }] });
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

const t0 = Date.now();
const stats = { started: 0, ok: 0, open: 0, peak_open: 0, errors: {}, ttfb_ms: [], duration_ms: [] };
const err = (kind) => { stats.errors[kind] = (stats.errors[kind] || 0) + 1; };
const samples = [];
const proc = (pid) => {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return { rss_kb: Number(/VmRSS:\s+(\d+)/.exec(s)[1]), threads: Number(/Threads:\s+(\d+)/.exec(s)[1]) };
  } catch { return { rss_kb: null, threads: null }; }
};
const fds = (pid) => { try { return fs.readdirSync(`/proc/${pid}/fd`).length; } catch { return null; } };
const sampler = setInterval(() => {
  const s = { t_s: Math.round((Date.now() - t0) / 100) / 10, open: stats.open, ok: stats.ok,
    errors: Object.values(stats.errors).reduce((a, b) => a + b, 0), ...(PID ? { ...proc(PID), fds: fds(PID) } : {}) };
  samples.push(s);
  console.error(JSON.stringify(s));
}, 1000);

function one() {
  return new Promise((resolve) => {
    const start = Date.now();
    let first = 0, buf = '', done = false, errorEvent = false, settled = false;
    stats.started++;
    const req = http.request({ host: URL_.hostname, port: URL_.port, path: URL_.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'content-length': Buffer.byteLength(body) } });
    const end = (kind) => {
      if (settled) return; settled = true;
      if (first) stats.open--;
      if (kind) err(kind); else { stats.ok++; stats.duration_ms.push(Date.now() - start); }
      resolve();
    };
    req.setTimeout((HOLD_S + EXTRA_S) * 1000, () => { req.destroy(new Error('timeout')); });
    req.on('response', (res) => {
      if (res.statusCode !== 200) { err(`http_${res.statusCode}`); settled = true; res.resume(); resolve(); return; }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        if (!first) { first = Date.now(); stats.ttfb_ms.push(first - start); stats.open++; if (stats.open > stats.peak_open) stats.peak_open = stats.open; }
        buf += chunk;
        if (buf.includes('"error"')) errorEvent = true;
        if (buf.includes('data: [DONE]')) done = true;
        if (buf.length > 4096) buf = buf.slice(-64);
      });
      res.on('end', () => end(errorEvent ? 'error_event' : done ? null : 'no_done'));
      res.on('error', (e) => end(`response_${e.code || e.message}`));
      res.on('aborted', () => end('aborted'));
    });
    req.on('error', (e) => end(`request_${e.code || e.message}`));
    req.end(body);
  });
}

const pending = [];
const gap = RAMP_MS / N;
for (let i = 0; i < N; i++) {
  const due = t0 + i * gap;
  const wait = due - Date.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  pending.push(one());
}
await Promise.all(pending);
clearInterval(sampler);
const pct = (a, p) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
const rss = samples.map((s) => s.rss_kb).filter((x) => x != null);
const thr = samples.map((s) => s.threads).filter((x) => x != null);
const summary = { streams: N, ramp_s: RAMP_MS / 1000, hold_s: HOLD_S, ok: stats.ok,
  errors: Object.values(stats.errors).reduce((a, b) => a + b, 0), errors_by_kind: stats.errors, peak_open: stats.peak_open,
  ttfb_ms: { p50: pct(stats.ttfb_ms, 50), p99: pct(stats.ttfb_ms, 99), max: pct(stats.ttfb_ms, 100) },
  stream_duration_ms: { p50: pct(stats.duration_ms, 50), max: pct(stats.duration_ms, 100) },
  router_rss_kb_max: rss.length ? Math.max(...rss) : null, router_threads_max: thr.length ? Math.max(...thr) : null,
  wall_s: (Date.now() - t0) / 1000, samples };
if (OUT) fs.writeFileSync(OUT, JSON.stringify(summary, null, 1));
const { samples: _s, ...short } = summary;
console.log(JSON.stringify(short));
process.exit(summary.errors === 0 && summary.ok === N ? 0 : 1);
