// Reasoning through the router with two real clients. Usage: node reasoning-check.mjs <baseURL> <apiKey> <model> <responsesModel>
// 1. The openai npm package: a tool turn with reasoning_effort, the assistant message sent back exactly as received
//    (reasoning_details and all), then a stream whose reasoning_content deltas are joined.
// 2. The Vercel AI SDK on the Responses API: generateText with a reasoning effort; its reasoning parts.
// Prints one JSON object with what each client saw.
import OpenAI from 'openai';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText } from 'ai';

const [baseURL, apiKey, model, responsesModel] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const out = {};

const weather = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};
const question = { role: 'user', content: 'Weather in Paris?' };
const call = await client.chat.completions.create({ model, reasoning_effort: 'low', tools: [weather], messages: [question] });
const message = call.choices[0].message;
out.firstReasoning = message.reasoning_content;
out.firstDetails = message.reasoning_details;
const answer = await client.chat.completions.create({
  model, reasoning_effort: 'low', tools: [weather],
  messages: [question, message, { role: 'tool', tool_call_id: message.tool_calls[0].id, content: '18°C' }],
});
out.secondContent = answer.choices[0].message.content;

const stream = await client.chat.completions.create({ model, reasoning_effort: 'low', stream: true, messages: [question] });
out.streamedReasoning = '';
out.streamedContent = '';
for await (const chunk of stream) {
  const delta = chunk.choices[0]?.delta ?? {};
  out.streamedReasoning += delta.reasoning_content ?? '';
  out.streamedContent += delta.content ?? '';
}

const provider = createOpenAI({ baseURL, apiKey });
const result = await generateText({
  model: provider.responses(responsesModel),
  prompt: 'Hi',
  maxRetries: 0,
  providerOptions: { openai: { forceReasoning: true, reasoningEffort: 'high', reasoningSummary: 'auto' } },
});
out.vercel = {
  content: result.content.map((part) => ({ type: part.type, text: part.text })),
  reasoningText: result.reasoningText,
  text: result.text,
};
console.log(JSON.stringify(out));
