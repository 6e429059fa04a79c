/** The mock LLM server: real HTTP on 127.0.0.1 speaking the Anthropic and OpenAI stream formats. */
export { startMockLlm } from './server';
export { tokenize } from './wire';
export type {
  FramingOptions,
  HttpErrorScenario,
  MockLlm,
  MockToolCall,
  OpenAiToolCallStyle,
  RawScenario,
  RecordedRequest,
  ReplyScenario,
  Scenario,
} from './types';
