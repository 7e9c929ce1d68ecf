// The official openai npm package against a running router: what a Node user would write.
// Usage: node client-check.mjs <baseURL> <apiKey>; prints one JSON object with what it saw.
import OpenAI from 'openai';

const [baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const out = {};

const completion = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
});
out.content = completion.choices[0].message.content;
out.ram = completion._ram;

const stream = await client.chat.completions.create({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
  stream: true,
  stream_options: { include_usage: true },
});
let text = '';
let last;
for await (const chunk of stream) {
  text += chunk.choices[0]?.delta?.content ?? '';
  last = chunk;
}
out.streamText = text;
out.streamUsage = last.usage;
out.streamRam = last._ram;

for (const [name, call] of [
  ['unauthorized', () => new OpenAI({ baseURL, apiKey: 'ram_live_bad', maxRetries: 0 }).models.list()],
  ['notFound', () => client.chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] })],
]) {
  try {
    await call();
    out[name] = 'no error';
  } catch (e) {
    out[name] = { class: e.constructor.name, status: e.status, code: e.code };
  }
}
const models = await client.models.list();
out.models = models.data.map((m) => m.id);
console.log(JSON.stringify(out));
