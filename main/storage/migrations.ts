import type { DatabaseSync } from 'node:sqlite';

/**
 * Forward migrations, in order: entry N takes the schema from version N to N+1. Each runs in
 * its own transaction. Never edit a shipped entry; add a new one.
 */
export const migrations: ReadonlyArray<(db: DatabaseSync) => void> = [
  // 1: conversations, and messages as a tree (a reply's versions are siblings under its prompt).
  (db) => {
    db.exec(`
      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        provider_kind TEXT,
        model TEXT,
        system_prompt TEXT
      );
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        position INTEGER NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        reasoning TEXT NOT NULL DEFAULT '',
        active_reply INTEGER NOT NULL DEFAULT 0,
        status TEXT,
        stream_id TEXT,
        seq INTEGER NOT NULL DEFAULT 0,
        stop_reason TEXT,
        error TEXT,
        usage TEXT,
        provider_kind TEXT,
        model TEXT,
        first_token_ms INTEGER,
        duration_ms INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX messages_by_conversation ON messages(conversation_id, position);
      CREATE INDEX messages_by_parent ON messages(parent_id);
      CREATE INDEX conversations_by_update ON conversations(updated_at DESC);
    `);
  },
  // 2: branches (which version of a message the conversation continues with), soft delete for
  // Undo, the profile a conversation uses, and full-text search over every message.
  (db) => {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN deleted_at INTEGER;
      ALTER TABLE conversations ADD COLUMN active_root_id TEXT;
      ALTER TABLE conversations ADD COLUMN profile_id TEXT;
      ALTER TABLE messages ADD COLUMN active_child_id TEXT;
      CREATE INDEX conversations_listing ON conversations(deleted_at, pinned DESC, updated_at DESC);
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, content='messages', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);
      END;
      INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
    `);
  },
  // 3: the provider's own stop value (`finish_reason`, …) beside Parley's mapped `stop_reason`,
  // so a reason Parley does not know can still be named.
  (db) => {
    db.exec(`ALTER TABLE messages ADD COLUMN provider_stop_reason TEXT;`);
  },
  // 4: a trigram index beside the word index, so search finds substrings: Chinese and Japanese
  // text has no spaces (the word index reads a whole sentence as one token) and names like
  // `C++` or `.NET` are more than their letters. Filled from every existing message here.
  (db) => {
    db.exec(`
      CREATE VIRTUAL TABLE messages_trigram USING fts5(
        content, content='messages', content_rowid='rowid',
        tokenize='trigram remove_diacritics 1'
      );
      CREATE TRIGGER messages_trigram_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_trigram(rowid, content) VALUES (new.rowid, new.content);
      END;
      CREATE TRIGGER messages_trigram_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_trigram(messages_trigram, rowid, content)
          VALUES ('delete', old.rowid, old.content);
      END;
      CREATE TRIGGER messages_trigram_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_trigram(messages_trigram, rowid, content)
          VALUES ('delete', old.rowid, old.content);
        INSERT INTO messages_trigram(rowid, content) VALUES (new.rowid, new.content);
      END;
      INSERT INTO messages_trigram(messages_trigram) VALUES ('rebuild');
    `);
  },
  // 5: tool calls. A reply's calls are a JSON array in its own row (`tool_calls`), written by the
  // same statement as its text, so each save is one atomic write and a crash never leaves text
  // and calls out of step (a table of calls would need a transaction per save, many times a
  // second while a reply streams). `tool_text` is the calls' searchable text (server, tool,
  // arguments, results; stored-tool-calls.ts), written with them; both search indexes are rebuilt
  // over the reply text and it, since an FTS5 table cannot gain a column (one trigger per change
  // keeps both in step; a save that changes neither text, such as a call's status, re-indexes
  // nothing). A conversation's MCP servers (`tool_server_ids`, a JSON array; NULL: every enabled
  // server) sit with its other settings.
  (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN tool_calls TEXT;
      ALTER TABLE messages ADD COLUMN tool_text TEXT NOT NULL DEFAULT '';
      ALTER TABLE conversations ADD COLUMN tool_server_ids TEXT;
      DROP TRIGGER messages_fts_insert;
      DROP TRIGGER messages_fts_delete;
      DROP TRIGGER messages_fts_update;
      DROP TRIGGER messages_trigram_insert;
      DROP TRIGGER messages_trigram_delete;
      DROP TRIGGER messages_trigram_update;
      DROP TABLE messages_fts;
      DROP TABLE messages_trigram;
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, tool_text, content='messages', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE messages_trigram USING fts5(
        content, tool_text, content='messages', content_rowid='rowid',
        tokenize='trigram remove_diacritics 1'
      );
      CREATE TRIGGER messages_index_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content, tool_text)
          VALUES (new.rowid, new.content, new.tool_text);
        INSERT INTO messages_trigram(rowid, content, tool_text)
          VALUES (new.rowid, new.content, new.tool_text);
      END;
      CREATE TRIGGER messages_index_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content, tool_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text);
        INSERT INTO messages_trigram(messages_trigram, rowid, content, tool_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text);
      END;
      CREATE TRIGGER messages_index_update AFTER UPDATE OF content, tool_text ON messages
      WHEN old.content IS NOT new.content OR old.tool_text IS NOT new.tool_text BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content, tool_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text);
        INSERT INTO messages_fts(rowid, content, tool_text)
          VALUES (new.rowid, new.content, new.tool_text);
        INSERT INTO messages_trigram(messages_trigram, rowid, content, tool_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text);
        INSERT INTO messages_trigram(rowid, content, tool_text)
          VALUES (new.rowid, new.content, new.tool_text);
      END;
      INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
      INSERT INTO messages_trigram(messages_trigram) VALUES ('rebuild');
    `);
  },
  // 6: attachments. Their bytes are files under `<dataDir>/attachments/<2 hex>/<sha256>`
  // (attachment-files.ts says why not blobs); this table holds what intake found (kind, type,
  // size, upright pixel size, pages, thumbnail, extracted text). `linked` marks one a message has
  // used (so a purge may delete it once nothing uses it); one never linked is kept a day for the
  // draft that holds it. `message_attachments` says which user message carries which attachment,
  // in which order, under which name; it goes with its message. A message's attachment names and
  // text are its `attachment_text`, fed into both search indexes beside its text and tool text
  // (rebuilt as in 5: an FTS5 table cannot gain a column).
  (db) => {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('image', 'pdf', 'text')),
        mime_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        page_count INTEGER,
        text_chars INTEGER,
        thumbnail TEXT,
        text TEXT,
        added_at INTEGER NOT NULL,
        linked INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE message_attachments (
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        attachment_id TEXT NOT NULL REFERENCES attachments(id),
        name TEXT NOT NULL,
        PRIMARY KEY (message_id, position)
      );
      CREATE INDEX message_attachments_by_attachment ON message_attachments(attachment_id);
      ALTER TABLE messages ADD COLUMN attachment_text TEXT NOT NULL DEFAULT '';
      DROP TRIGGER messages_index_insert;
      DROP TRIGGER messages_index_delete;
      DROP TRIGGER messages_index_update;
      DROP TABLE messages_fts;
      DROP TABLE messages_trigram;
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, tool_text, attachment_text, content='messages', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
      );
      CREATE VIRTUAL TABLE messages_trigram USING fts5(
        content, tool_text, attachment_text, content='messages', content_rowid='rowid',
        tokenize='trigram remove_diacritics 1'
      );
      CREATE TRIGGER messages_index_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content, tool_text, attachment_text)
          VALUES (new.rowid, new.content, new.tool_text, new.attachment_text);
        INSERT INTO messages_trigram(rowid, content, tool_text, attachment_text)
          VALUES (new.rowid, new.content, new.tool_text, new.attachment_text);
      END;
      CREATE TRIGGER messages_index_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content, tool_text, attachment_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text, old.attachment_text);
        INSERT INTO messages_trigram(messages_trigram, rowid, content, tool_text, attachment_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text, old.attachment_text);
      END;
      CREATE TRIGGER messages_index_update AFTER UPDATE OF content, tool_text, attachment_text
        ON messages
      WHEN old.content IS NOT new.content OR old.tool_text IS NOT new.tool_text
        OR old.attachment_text IS NOT new.attachment_text BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content, tool_text, attachment_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text, old.attachment_text);
        INSERT INTO messages_fts(rowid, content, tool_text, attachment_text)
          VALUES (new.rowid, new.content, new.tool_text, new.attachment_text);
        INSERT INTO messages_trigram(messages_trigram, rowid, content, tool_text, attachment_text)
          VALUES ('delete', old.rowid, old.content, old.tool_text, old.attachment_text);
        INSERT INTO messages_trigram(rowid, content, tool_text, attachment_text)
          VALUES (new.rowid, new.content, new.tool_text, new.attachment_text);
      END;
      INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
      INSERT INTO messages_trigram(messages_trigram) VALUES ('rebuild');
    `);
  },
  // 7: a file the provider refused that the user chose to go on without ("Send again without
  // it" on a file of an earlier message). The message keeps the file, shown as not sent; every
  // later request carries a note in its place, so one bad file cannot fail every later turn.
  // Also: the tree's shape of a conversation in one covering index, so finding the branch of a
  // 10,000-message conversation (ConversationStore.branchOf) never reads a message's row.
  (db) => {
    db.exec(`
      ALTER TABLE message_attachments ADD COLUMN left_out INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX messages_shape ON messages(
        conversation_id, position, id, parent_id, role, active_reply, active_child_id
      );
    `);
  },
];
