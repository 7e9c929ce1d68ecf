// The Vercel AI SDK (ai + @ai-sdk/openai, chat-completions API) against a running router: what a Next.js
// user would write. Usage: node vercel-ai-check.mjs <baseURL> <apiKey> <model> [tools]
// Prints one JSON object: the content parts of the answer and its finish reason.
import { createOpenAI } from '@ai-sdk/openai';
import { jsonSchema, streamText, tool } from 'ai';

const [baseURL, apiKey, model, withTools] = process.argv.slice(2);
const provider = createOpenAI({ baseURL, apiKey });
const tools = withTools === 'tools'
  ? {
      get_weather: tool({
        description: 'Current weather in a city',
        inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
      }),
    }
  : undefined;

const result = streamText({ model: provider.chat(model), prompt: 'What is the weather in Paris?', tools, maxRetries: 0 });
const content = await result.content;
console.log(JSON.stringify({
  content: content.map((part) => ({ type: part.type, text: part.text, toolName: part.toolName, input: part.input })),
  finishReason: await result.finishReason,
}));
