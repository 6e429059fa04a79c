/**
 * The one contract between Parley's processes: the data the renderer sees (model.ts), the events
 * main sends (events.ts), and the channel table (channels.ts, one file per channel group: chat.ts,
 * conversations.ts, profiles.ts, app.ts, tools.ts, attachments.ts; the tools data in tool-model.ts, attachments' in attachment-model.ts) from which `window.parley`'s type (parley-api.ts), main's
 * handler table and the request/result types derive. Main validates with the schemas the table
 * builds, the preload builds `window.parley` from the table's names, and the renderer imports
 * only types, and only from this index.
 */
export * from './model';
export * from './tool-model';
export * from './attachment-model';
export * from './events';
export * from './channel';
export * from './channels';
export * from './chat';
export * from './conversations';
export * from './profiles';
export * from './app';
export * from './tools';
export * from './attachments';
export * from './request-schemas';
export * from './parley-api';
export type { SchemaKit } from './schema-kit';
