// Current Node clients against a running router, on every endpoint besides chat: the official openai package
// (Responses API plain, streamed with its stream helper, a function-tool round trip, json_schema,
// previous_response_id; embeddings; legacy completions; moderations), the Vercel AI SDK's default openai(model)
// (which calls the Responses API) and LangChain's OpenAIEmbeddings. The provider fakes behind the router answer
// a function call when offered tools (and no result yet), JSON when asked for a schema, else text.
// Usage: node surfaces-check.mjs <baseURL> <apiKey> <chat models, comma-separated> <embedding models, comma-separated>
// Prints one JSON object with what it saw.
import OpenAI from 'openai';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { OpenAIEmbeddings } from '@langchain/openai';

const [baseURL, apiKey, chatModels, embeddingModels] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 20_000 });
const out = { responses: {}, embeddings: {} };

async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: { class: e.constructor.name, status: e.status, code: e.code, message: String(e.message).slice(0, 300) } };
  }
}

const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  strict: false,
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

for (const model of chatModels.split(',')) {
  const seen = {};
  const plain = await client.responses.create({ model, instructions: 'Be brief.', input: 'Hello' });
  seen.plain = { id: plain.id, text: plain.output_text, usage: plain.usage, ram: plain._ram, status: plain.status };

  const stream = client.responses.stream({ model, input: 'Hello' });
  const types = [];
  for await (const event of stream) {
    types.push(event.type);
  }
  const final = await stream.finalResponse();
  seen.streamed = { text: final.output_text, types, usage: final.usage };

  const call = await client.responses.create({ model, input: 'Weather in Paris?', tools: [weather] });
  const fc = call.output.find((item) => item.type === 'function_call');
  const answer = await client.responses.create({
    model,
    previous_response_id: call.id,
    tools: [weather],
    input: [{ type: 'function_call_output', call_id: fc.call_id, output: '18C and sunny' }],
  });
  seen.tool = { name: fc.name, arguments: JSON.parse(fc.arguments), answer: answer.output_text };

  seen.jsonSchema = await attempt(async () => {
    const r = await client.responses.create({
      model,
      input: 'Weather in Paris as JSON',
      text: {
        format: {
          type: 'json_schema',
          name: 'weather',
          strict: true,
          schema: {
            type: 'object',
            properties: { city: { type: 'string' }, celsius: { type: 'integer' } },
            required: ['city', 'celsius'],
            additionalProperties: false,
          },
        },
      },
    });
    return { value: JSON.parse(r.output_text) };
  });

  const first = await client.responses.create({ model, input: 'My name is Ada.' });
  const second = await client.responses.create({ model, previous_response_id: first.id, input: 'What is my name?' });
  seen.continued = { previous: second.previous_response_id === first.id, text: second.output_text };
  const retrieved = await client.responses.retrieve(first.id);
  const items = await client.responses.inputItems.list(first.id);
  seen.stored = { id: retrieved.id === first.id, items: items.data.length };
  out.responses[model] = seen;
}

for (const model of embeddingModels.split(',')) {
  // The SDK asks for base64 unless told otherwise, and decodes it.
  const base64 = await client.embeddings.create({ model, input: ['first', 'second'] });
  const floats = await client.embeddings.create({ model, input: ['first', 'second'], encoding_format: 'float' });
  const single = await client.embeddings.create({ model, input: 'first', encoding_format: 'float' });
  out.embeddings[model] = {
    count: floats.data.length,
    equal: JSON.stringify(base64.data.map((d) => d.embedding)) === JSON.stringify(floats.data.map((d) => d.embedding)),
    singleMatchesBatch: JSON.stringify(single.data[0].embedding) === JSON.stringify(floats.data[0].embedding),
    dimensions: floats.data[0].embedding.length,
    promptTokens: floats.usage.prompt_tokens,
    ram: floats._ram,
  };
}

const legacy = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Once', max_tokens: 8 });
out.completion = { text: legacy.choices[0].text, ram: legacy._ram };
const moderation = await client.moderations.create({ input: 'I like turtles' });
out.moderation = { flagged: moderation.results[0].flagged, ram: moderation._ram };

const vercel = createOpenAI({ baseURL, apiKey });
out.vercel = await attempt(async () => {
  const generated = await generateText({ model: vercel('gpt-4o-mini'), prompt: 'Hello', maxRetries: 0 });
  const streamed = streamText({ model: vercel('gpt-4o-mini'), prompt: 'Hello', maxRetries: 0 });
  let text = '';
  for await (const part of streamed.textStream) {
    text += part;
  }
  return { text: generated.text, streamedText: text, usage: generated.usage, finishReason: generated.finishReason };
});

out.langchain = await attempt(async () => {
  const embeddings = new OpenAIEmbeddings({ model: 'text-embedding-3-small', apiKey, configuration: { baseURL }, maxRetries: 0 });
  const query = await embeddings.embedQuery('first');
  const documents = await embeddings.embedDocuments(['first', 'second']);
  return { queryLength: query.length, documents: documents.length, sameAsQuery: JSON.stringify(documents[0]) === JSON.stringify(query) };
});

console.log(JSON.stringify(out));
