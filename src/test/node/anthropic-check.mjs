// The official Anthropic TypeScript SDK against a running router: what a Node user would write.
// Usage: node anthropic-check.mjs <baseURL> <apiKey> <rateLimitedKey> <exhaustedKey>; prints one JSON object.
import Anthropic from '@anthropic-ai/sdk';

const [baseURL, apiKey, limitedKey, exhaustedKey] = process.argv.slice(2);
const client = new Anthropic({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const out = {};
const hello = [{ role: 'user', content: 'Hello' }];
const weather = {
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

// create and stream, to Anthropic (passed through) and to OpenAI and Gemini (translated)
for (const model of ['claude-sonnet-4-6', 'gpt-4o-mini', 'gemini-1.5-flash']) {
  const message = await client.messages.create({ model, max_tokens: 1024, messages: hello });
  const stream = client.messages.stream({ model, max_tokens: 1024, messages: hello });
  const events = [];
  let ram;
  for await (const event of stream) {
    events.push(event.type);
    if (event.type === 'message_delta') ram = event._ram;
  }
  const final = await stream.finalMessage();
  out[model] = {
    text: message.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    stopReason: message.stop_reason,
    usage: message.usage,
    ram: message._ram,
    streamText: final.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    streamStopReason: final.stop_reason,
    streamUsage: final.usage,
    streamRam: ram,
    events: [...new Set(events)],
  };
}

// a multi-turn tool round trip (the fakes call get_weather, then answer from its result)
for (const model of ['claude-sonnet-4-6', 'gpt-4o-mini']) {
  const messages = [{ role: 'user', content: 'What is the weather in Paris?' }];
  const first = await client.messages.create({ model, max_tokens: 1024, tools: [weather], messages });
  const call = first.content.find((b) => b.type === 'tool_use');
  messages.push({ role: 'assistant', content: first.content });
  messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18 C and sunny' }] });
  const second = await client.messages.create({ model, max_tokens: 1024, tools: [weather], messages });
  out[`tools-${model}`] = {
    stopReason: first.stop_reason,
    call: { id: call.id, name: call.name, input: call.input },
    answer: second.content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    answerStopReason: second.stop_reason,
  };
}

// an image, to a translated provider
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const withImage = await client.messages.create({
  model: 'gpt-4o-mini', max_tokens: 100,
  messages: [{ role: 'user', content: [
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
    { type: 'text', text: 'What is this?' }] }],
});
out.image = withImage.content[0].text;

out.countExact = (await client.messages.countTokens({ model: 'claude-sonnet-4-6', messages: hello })).input_tokens;
out.countEstimate = (await client.messages.countTokens({ model: 'gpt-4o-mini', messages: hello })).input_tokens;
out.models = (await client.models.list()).data.map((m) => m.id);

for (const [name, call] of [
  ['unauthorized', () => new Anthropic({ baseURL, apiKey: 'ram_live_bad', maxRetries: 0 }).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: hello })],
  ['badRequest', () => client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 0, messages: hello })],
  ['notFound', () => client.messages.create({ model: 'claude-nope', max_tokens: 10, messages: hello })],
  ['overloaded', () => client.messages.create({ model: 'anthropic:claude-opus-4-7', max_tokens: 10, messages: hello })],
  ['rateLimited', async () => {
    const limited = new Anthropic({ baseURL, apiKey: limitedKey, maxRetries: 0 });
    await limited.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: hello });
    await limited.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: hello });
  }],
  ['exhausted', () => new Anthropic({ baseURL, apiKey: exhaustedKey, maxRetries: 0 }).messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: hello })],
]) {
  try {
    await call();
    out[name] = 'no error';
  } catch (e) {
    out[name] = { class: e.constructor.name, status: e.status, type: e.error?.error?.type, message: e.error?.error?.message,
                  retryAfter: e.headers?.get?.('retry-after') ?? null };
  }
}
console.log(JSON.stringify(out));
