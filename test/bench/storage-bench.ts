/**
 * Storage figures for `npm run bench`: a generated database of 10,000 conversations and
 * 1,000,000 messages (built once and cached in the temp folder), then the sidebar's first page,
 * full-text search and opening a 1,000-message conversation, timed with the real main code; and
 * (issue 15) main answering pages of the 10,000-message conversation of the scale seed
 * (`scale-seed.ts`). Run alone with `npx tsx test/bench/storage-bench.ts`.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationLibrary } from '../../main/storage/conversation-library';
import { searchMessages } from '../../main/storage/conversation-search';
import { ConversationStore } from '../../main/storage/conversation-store';
import { openDatabase, schemaVersion } from '../../main/storage/database';
import { scaleTemplate } from './scale-seed';

const conversations = 10_000;
const messagesPerConversation = 100;
const bigConversation = 'big-conversation';
const bigConversationMessages = 1_000;
const words = (
  'river mountain cloud garden python rust kernel memory stream token parser window sidebar ' +
  'battery coffee tomato penguin galaxy orbit harbor lantern meadow violin canyon glacier ' +
  'compiler socket thread promise render layout pixel shader vector matrix tensor gradient'
).split(' ');

function sentence(seed: number, length: number): string {
  const out: string[] = [];
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    out.push(words[state % words.length] ?? 'word');
  }
  return out.join(' ');
}

/** Build (or reuse) the big database; returns its path. */
function ensureDatabase(): string {
  const path = join(tmpdir(), `parley-bench-storage-v${schemaVersion}.db`);
  if (existsSync(path)) return path;
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const started = performance.now();
  const db = openDatabase(building);
  const insertConversation = db.prepare(
    'INSERT INTO conversations (id, title, created_at, updated_at, pinned) VALUES (?, ?, ?, ?, ?)',
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, position, content, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?)`,
  );
  const plan: Array<[string, number]> = [[bigConversation, bigConversationMessages]];
  const rest =
    (conversations * messagesPerConversation - bigConversationMessages) / (conversations - 1);
  for (let c = 1; c < conversations; c += 1) plan.push([`conv-${c}`, Math.round(rest)]);
  db.exec('BEGIN');
  plan.forEach(([id, count], c) => {
    const at = 1_700_000_000_000 + c * 60_000;
    insertConversation.run(id, sentence(c, 4), at, at, c % 500 === 0 ? 1 : 0);
    let parent: string | null = null;
    for (let m = 0; m < count; m += 1) {
      const messageId = `${id}-m${m}`;
      insertMessage.run(
        messageId,
        id,
        parent,
        m % 2 === 0 ? 'user' : 'assistant',
        m + 1,
        sentence(c * 1_000 + m, m % 2 === 0 ? 12 : 40),
        at,
        at,
      );
      parent = messageId;
    }
    if (c % 1_000 === 999) {
      db.exec('COMMIT');
      db.exec('BEGIN');
    }
  });
  db.exec('COMMIT');
  db.close();
  renameSync(building, path);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(building + suffix)) renameSync(building + suffix, path + suffix);
  }
  console.log(
    `generated ${plan.length} conversations in ${((performance.now() - started) / 1000).toFixed(0)} s: ${path}`,
  );
  return path;
}

function time<T>(body: () => T): [T, number] {
  const started = performance.now();
  const value = body();
  return [value, performance.now() - started];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One row of the storage table. */
export interface StorageRow {
  figure: string;
  measured: string;
  target: string;
  pass: boolean;
}

/** Measure the storage figures; every figure comes from this one run. */
export function runStorageBench(): StorageRow[] {
  const db = openDatabase(ensureDatabase());
  const library = new ConversationLibrary(db);
  const store = new ConversationStore(db);
  const counts = db
    .prepare(
      'SELECT (SELECT COUNT(*) FROM conversations) AS c, (SELECT COUNT(*) FROM messages) AS m',
    )
    .get() as { c: number; m: number };

  // Cold first: the sidebar's first page as the app's first query after opening the file.
  const [page, firstPageMs] = time(() => library.list(undefined, 50));
  const searches = [
    'penguin',
    'rust kernel',
    'tomato garden',
    'glacier',
    'violin',
    'shader matrix',
    'orbit harbor lantern',
    'coffee',
    'stream token',
    'canyon',
    // Substrings (trigram index) and a 2-character term (LIKE over the newest messages), none
    // of which the generated text holds: the worst case, every candidate tested.
    'C++',
    '.NET',
    '数据库',
    '数据',
  ];
  const searchTimes: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const query of searches) searchTimes.push(time(() => searchMessages(db, query, 30))[1]);
  }
  // "Data ready in the renderer": load from SQLite, then the structured clone IPC performs.
  const openTimes: number[] = [];
  let loaded = 0;
  for (let round = 0; round < 5; round += 1) {
    openTimes.push(
      time(() => {
        const conversation = store.load(bigConversation);
        loaded = conversation?.turns.length ?? 0;
        return structuredClone(conversation);
      })[1],
    );
  }
  db.close();
  const openMs = percentile(openTimes, 50);
  const searchP95 = percentile(searchTimes, 95);
  console.log(
    `storage: ${counts.c} conversations, ${counts.m} messages; first page ${page.items.length} rows; ` +
      `search p50 ${percentile(searchTimes, 50).toFixed(1)} ms over ${searchTimes.length} queries; ` +
      `open ${loaded} turns (${bigConversationMessages} messages) median of ${openTimes.length}`,
  );
  return [
    {
      figure: `sidebar first page (${counts.c} conversations, ${counts.m} messages)`,
      measured: `${firstPageMs.toFixed(1)} ms`,
      target: '≤ 50 ms',
      pass: firstPageMs <= 50,
    },
    {
      figure: 'full-text search over that database, p95',
      measured: `${searchP95.toFixed(1)} ms`,
      target: '≤ 50 ms',
      pass: searchP95 <= 50,
    },
    {
      figure: 'open a conversation of 1,000 messages (loaded + cloned for IPC)',
      measured: `${openMs.toFixed(1)} ms`,
      target: '≤ 100 ms',
      pass: openMs <= 100,
    },
  ];
}

/**
 * Issue 15: how long main takes to answer a page of the 10,000-message conversation — the
 * newest 30 turns (`ConversationStore.loadWindow`, what opening it asks for), 30 turns around a
 * search hit 9,000 messages up, and every page of 50 older turns from the newest to the first
 * (`turnPage` with `beforeTurnId`, what scrolling up asks for), twice. On a copy of the scale
 * seed's database; p50 and p95 in ms. The target is the "single-digit milliseconds".
 */
export async function runPageBench(): Promise<StorageRow[]> {
  const seed = await scaleTemplate((line) => console.log(`storage: ${line}`));
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-pages-'));
  const path = join(dir, 'parley.db');
  copyFileSync(seed.databasePath, path);
  const db = openDatabase(path);
  const store = new ConversationStore(db);
  const id = seed.longConversationId;
  try {
    const windows: number[] = [];
    const around: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      windows.push(time(() => store.loadWindow(id, { limit: 30 }))[1]);
      around.push(
        time(() => store.loadWindow(id, { limit: 30, aroundMessageId: seed.searchMessageId }))[1],
      );
    }
    const pages: number[] = [];
    let turnsPaged = 0;
    for (let round = 0; round < 2; round += 1) {
      let anchor = store.loadWindow(id, { limit: 30 })?.turns[0]?.id;
      while (anchor) {
        const beforeTurnId = anchor;
        const [page, ms] = time(() => store.turnPage(id, { beforeTurnId, limit: 50 }));
        pages.push(ms);
        turnsPaged += page?.turns.length ?? 0;
        anchor = page && page.remaining > 0 ? page.turns[0]?.id : undefined;
      }
    }
    console.log(
      `storage: pages of the 10,000-message conversation: newest 30 turns p50 ${percentile(windows, 50).toFixed(1)} ms, ` +
        `around the hit p50 ${percentile(around, 50).toFixed(1)} ms, ${pages.length} pages of 50 older turns (${turnsPaged} turns in all) p50 ${percentile(pages, 50).toFixed(1)} ms, max ${Math.max(...pages).toFixed(1)} ms`,
    );
    const row = (figure: string, values: number[]): StorageRow => ({
      figure,
      measured: `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`,
      target: '< 10 ms (p95)',
      pass: percentile(values, 95) < 10,
    });
    return [
      row('10,000-message conversation: newest 30 turns (loadWindow, limit 30)', windows),
      row('10,000-message conversation: 30 turns around a hit 9,000 messages up', around),
      row('10,000-message conversation: 50 older turns (turnPage, beforeTurnId)', pages),
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = [...runStorageBench(), ...(await runPageBench())];
  console.log('| figure | measured | target | result |\n| --- | --- | --- | --- |');
  for (const row of rows)
    console.log(
      `| ${row.figure} | ${row.measured} | ${row.target} | ${row.pass ? 'pass' : 'MISS'} |`,
    );
}
