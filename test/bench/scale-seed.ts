/**
 * The seed of issue 15's figures: a database of 10,000 conversations, the latest of them 10,000
 * messages long (5,000 turns of mixed markdown, code, tool cards and images), written through
 * main's own storage classes — the documented fast path of test/bench/README.md ("Seeding the
 * scale figures"): the rows are the ones the chat service writes (`ConversationStore.addTurn`,
 * `addReply`, then `saveReply` with the finished reply), and the pictures go through main's real
 * attachment intake, but no provider request is made.
 *
 * Built once into a template folder in the temp directory (keyed by the schema version and
 * `seedVersion`; `PARLEY_BENCH_RESEED=1` rebuilds it) and copied into a fresh data folder for
 * each run, so every run starts from the same rows and a run's writes never reach the template.
 */
import { randomUUID } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachmentView, Reply, ToolCall, Turn } from '../../preload/api';
import { createServices } from '../../main/services';
import { ConversationStore } from '../../main/storage/conversation-store';
import { openDatabase, schemaVersion } from '../../main/storage/database';
import { headlessPlatform } from '../harness/headless-platform';
import { seedReply } from './fixtures';
import { benchPicture } from './image-messages';

/** Bump when what the seed writes changes, so a cached template of the old shape is not used. */
const seedVersion = 1;

/** Turns of the long conversation (a user message and its reply each: 10,000 messages). */
export const longTurns = 5_000;
/** Conversations in the database, the long one included. */
export const conversationCount = 10_000;
/** Every this-many-th user message of the long conversation carries a picture (200 in all). */
const imageEvery = 25;
/** Every this-many-th reply of the long conversation made tool calls (1 to 3 cards). */
const toolEvery = 8;
/** Every this-many-th reply is longer, with a heading and a table. */
const tableEvery = 5;
/**
 * The word the search scenario looks for: in one user message only, 9,000 messages above the
 * newest (turn 500 of 5,000), and in no other message of the database.
 */
export const searchTerm = 'quetzalcoatlus';
/** The turn (0-based) whose user message holds `searchTerm`. */
export const searchTurn = longTurns - 4_500;
/** That user message's whole text (the search scenario picks its hit by it). */
export const searchText = `Question ${searchTurn}: what does the ${searchTerm} have to do with part ${searchTurn}?`;

/** What the seed wrote, for the scenarios (saved beside the template as seed.json). */
export interface ScaleSeed {
  /** The long conversation's id (the latest conversation, so the app opens it at start). */
  longConversationId: string;
  /** The user message of its first turn (scrolling to the top must reach it). */
  firstMessageId: string;
  /** Its newest message (the last turn's reply). */
  newestMessageId: string;
  /** The user message holding `searchTerm`. */
  searchMessageId: string;
  conversations: number;
  messages: number;
  images: number;
  toolCalls: number;
  /** Seconds the template took to build (0 when it was cached). */
  buildSeconds: number;
}

/** A copy of the seeded data folder for one run: pass `dataDir` to `launchApp({ userDataDir })`. */
export interface ScaleData extends ScaleSeed {
  dataDir: string;
  /** Delete the copy. */
  remove(): void;
}

const templateDir = () => join(tmpdir(), `parley-bench-scale-v${schemaVersion}-${seedVersion}`);

/**
 * Build the template if needed, then copy it into a fresh temp folder. `say` hears progress.
 */
export async function prepareScaleData(say: (line: string) => void): Promise<ScaleData> {
  const seed = await ensureTemplate(say);
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-scale-run-'));
  cpSync(templateDir(), dataDir, { recursive: true });
  return { ...seed, dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The template's database file (built first if needed): storage-bench.ts reads it. */
export async function scaleTemplate(
  say: (line: string) => void,
): Promise<ScaleSeed & { databasePath: string }> {
  const seed = await ensureTemplate(say);
  return { ...seed, databasePath: join(templateDir(), 'parley.db') };
}

async function ensureTemplate(say: (line: string) => void): Promise<ScaleSeed> {
  const dir = templateDir();
  const meta = join(dir, 'seed.json');
  if (process.env.PARLEY_BENCH_RESEED === '1') rmSync(dir, { recursive: true, force: true });
  if (existsSync(meta)) {
    return { ...(JSON.parse(readFileSync(meta, 'utf8')) as ScaleSeed), buildSeconds: 0 };
  }
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  const started = performance.now();
  say(
    `seeding ${conversationCount.toLocaleString('en')} conversations (one of ${longTurns * 2} messages) into ${dir}`,
  );
  const seed = await build(building, say);
  seed.buildSeconds = (performance.now() - started) / 1000;
  writeFileSync(join(building, 'seed.json'), JSON.stringify(seed));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  say(`seeded in ${seed.buildSeconds.toFixed(0)} s`);
  return seed;
}

/** Deterministic pseudo-random numbers (LCG), so every template holds the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

async function build(dir: string, say: (line: string) => void): Promise<ScaleSeed> {
  const databasePath = join(dir, 'parley.db');
  // The pictures: main's real intake (stored file, row, 256 px thumbnail), as a drop would.
  const services = createServices(headlessPlatform({ env: {}, databasePath, keyDir: dir }));
  const pictures: AttachmentView[] = [];
  for (let index = 0; index < longTurns / imageEvery; index++) {
    const bytes = await benchPicture(index);
    const result = await services.attachments.addData(
      `photo-${index + 1}.png`,
      bytes.toString('base64'),
    );
    const added = result.added[0];
    if (!added) throw new Error(`picture ${index} refused: ${result.problems[0]?.message ?? '?'}`);
    pictures.push(added);
  }
  await services.shutdown();
  say(`${pictures.length} pictures taken in`);

  const db = openDatabase(databasePath);
  // A seed needs no durability: without a flush at every checkpoint it is written faster; the
  // rows are the same.
  db.exec('PRAGMA synchronous = OFF');
  let clock = Date.UTC(2025, 0, 1);
  const store = new ConversationStore(db, () => clock);
  let messages = 0;
  let toolCalls = 0;

  /** One exchange as the chat service records it: the prompt, the reply started, then saved finished. */
  const exchange = (
    conversationId: string,
    parentId: string | null,
    userText: string,
    replyText: string,
    options: { attachments?: AttachmentView[]; toolCalls?: ToolCall[] } = {},
  ): Turn => {
    const turn: Turn = {
      id: randomUUID(),
      userText,
      replies: [],
      activeReply: 0,
      userVersion: 0,
      userVersionCount: 1,
      ...(options.attachments ? { attachments: options.attachments } : {}),
    };
    clock += 1_000;
    store.addTurn(conversationId, turn, parentId);
    const reply: Reply = {
      id: randomUUID(),
      streamId: '',
      model: 'claude-sonnet-4-5',
      text: '',
      reasoning: '',
      status: 'streaming',
      seq: 0,
    };
    reply.streamId = reply.id;
    turn.replies.push(reply);
    store.addReply(conversationId, turn, reply, 'anthropic');
    clock += 4_000;
    Object.assign(reply, {
      text: replyText,
      status: 'done',
      stopReason: 'end',
      seq: 40,
      usage: { inputTokens: 50, outputTokens: Math.round(replyText.length / 4) },
      ...(options.toolCalls ? { toolCalls: options.toolCalls } : {}),
    } satisfies Partial<Reply>);
    store.saveReply(reply, { firstTokenMs: 420, durationMs: 4_000 });
    messages += 2;
    toolCalls += options.toolCalls?.length ?? 0;
    return turn;
  };

  // The other conversations first (older), each one to three short exchanges.
  const next = random(15);
  const words =
    'river cloud garden kernel parser window battery coffee orbit harbor lantern violin'.split(' ');
  const phrase = (length: number) =>
    Array.from({ length }, () => words[Math.floor(next() * words.length)] ?? 'word').join(' ');
  for (let index = 1; index < conversationCount; index++) {
    const id = randomUUID();
    clock += 60_000;
    store.createConversation(id, `${phrase(3)} ${index}`);
    let parent: string | null = null;
    const exchanges = 1 + (index % 3);
    for (let turn = 0; turn < exchanges; turn++) {
      const made = exchange(
        id,
        parent,
        `${phrase(12)}?`,
        `${phrase(60)}.\n\n- ${phrase(10)}\n- ${phrase(10)}`,
      );
      parent = made.replies[0]?.id ?? null;
    }
    if (index % 2_000 === 0) say(`${index} conversations`);
  }

  // The long one last, so it is the latest: the app opens it at start.
  const longConversationId = randomUUID();
  clock += 60_000;
  store.createConversation(longConversationId, 'A very long conversation');
  let parent: string | null = null;
  let firstMessageId = '';
  let newestMessageId = '';
  let searchMessageId = '';
  for (let index = 0; index < longTurns; index++) {
    const text =
      index === searchTurn
        ? searchText
        : `Question ${index}: how does part ${index} work, and what does it cost?`;
    let reply = seedReply(index);
    if (index % tableEvery === 2) reply = `## Part ${index}\n\n${reply}\n\n${table(index)}`;
    const calls = index % toolEvery === 5 ? toolCallsFor(index, reply.indexOf('\n\n')) : undefined;
    const picture = index % imageEvery === 0 ? pictures[index / imageEvery] : undefined;
    const turn = exchange(longConversationId, parent, text, reply, {
      ...(picture ? { attachments: [picture] } : {}),
      ...(calls ? { toolCalls: calls } : {}),
    });
    parent = turn.replies[0]?.id ?? null;
    if (index === 0) firstMessageId = turn.id;
    if (index === searchTurn) searchMessageId = turn.id;
    newestMessageId = parent ?? '';
    if (index % 1_000 === 999) say(`${index + 1} of ${longTurns} turns of the long conversation`);
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    longConversationId,
    firstMessageId,
    newestMessageId,
    searchMessageId,
    conversations: conversationCount,
    messages,
    images: pictures.length,
    toolCalls,
    buildSeconds: 0,
  };
}

/** A small markdown table (a few rows), as replies often carry. */
function table(index: number): string {
  const rows = [1, 2, 3, 4].map(
    (row) => `| item ${index}.${row} | ${row * 17} ms | ${row % 2 ? 'yes' : 'no'} |`,
  );
  return ['| item | time | cached |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * One to three finished calls of a file-reading tool, as main stores them (stored-tool-calls.ts):
 * the card sits after the reply's first paragraph (`textOffset`).
 */
function toolCallsFor(index: number, textOffset: number): ToolCall[] {
  return Array.from({ length: 1 + (index % 3) }, (_, call) => ({
    id: `toolu_bench_${index}_${call}`,
    name: 'files__read_file',
    serverId: 'bench-files',
    serverName: 'Files',
    tool: 'read_file',
    step: 1,
    textOffset: Math.max(0, textOffset),
    arguments: JSON.stringify({ path: `src/part-${index}/module-${call}.ts` }),
    status: 'done' as const,
    result: {
      content: [
        {
          type: 'text' as const,
          text: `export function part${index}_${call}(input: string): number {\n  return input.length * ${call + 1};\n}\n`.repeat(
            4,
          ),
        },
      ],
      isError: false,
    },
    startedAt: Date.UTC(2025, 0, 1) + index * 5_000,
    durationMs: 12 + call,
    destructive: false,
  }));
}
