/**
 * Attachment figures for `npm run bench` (issue 13): ten 12-megapixel photos (4000 × 3000 JPEG,
 * some with EXIF orientation) taken in through main's real intake (`AttachmentService.addPaths`
 * on a temp data folder and a temp SQLite file), then prepared for one Anthropic request of 10
 * images (`ChatAttachmentsService.prepare` for a Claude model, then the request body as the
 * provider serializes it). Times each step and samples the process's memory every ~10 ms while
 * it runs. Each round runs in a fresh child process, so one round's memory is not the next
 * one's baseline; the photos are generated once and cached in the temp folder.
 * Run alone with `npx tsx test/bench/attachments-bench.ts`.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { AttachmentService } from '../../main/attachments/attachment-service';
import { ChatAttachmentsService } from '../../main/attachments/chat-attachments';
import { ModelCapabilityRegistry } from '../../main/attachments/capabilities';
import { history } from '../../main/chat/history';
import { requestBody } from '../../main/providers/anthropic';
import { ConversationStore } from '../../main/storage/conversation-store';
import { openDatabase } from '../../main/storage/database';
import type { ActiveProfile } from '../../main/storage/profile-settings';
import { SettingsFile } from '../../main/storage/settings-file';
import { MemoryStore } from '../main/storage/memory-store';
import { printReport } from './report';

const photoCount = 10;
const width = 4_000;
const height = 3_000;
/** EXIF orientation per photo: 6 (portrait, phone turned right), 3 (upside down), 8, else 1. */
const orientations = [1, 6, 1, 1, 3, 1, 6, 1, 8, 1] as const;
const rounds = 3;

/**
 * Parley's own targets (the issue names none; see test/bench/README.md for why these): 10 photos
 * in ≤ 2 s, ready for the request ≤ 3 s, and the process growing by ≤ 400 MB (rss) and its JS
 * heap by ≤ 100 MB over either step, on the 2-core build machine.
 */
const targets = { intakeMs: 2_000, prepareMs: 3_000, rssMb: 400, heapMb: 100 };

const photoDir = join(tmpdir(), 'parley-bench-photos-v3');
const mb = 1024 * 1024;

/** A pseudo-random generator (LCG), so every run makes the same photos. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

/** `w` × `h` × `channels` random bytes as a raw image. */
function rawNoise(next: () => number, w: number, h: number, channels: 1 | 3) {
  const data = Buffer.alloc(w * h * channels);
  for (let i = 0; i < data.length; i += 1) data[i] = Math.floor(next() * 256);
  return sharp(data, { raw: { width: w, height: h, channels } });
}

/**
 * One photo-like JPEG: colour fields (random 40 × 30 colours upscaled smooth), a texture at a
 * finer scale (random 500 × 375 upscaled), shapes with hard edges, and sensor-like grain, at
 * quality 90. Flat or pure-noise images would flatter or punish the JPEG codec; this lands near
 * a phone photo's size (a few MB for 12 MP).
 */
async function makePhoto(index: number): Promise<Buffer> {
  const next = random(index + 1);
  const texture = await rawNoise(next, 500, 375, 1)
    .resize(width, height, { kernel: 'lanczos3' })
    .toColourspace('srgb')
    .png({ compressionLevel: 0 })
    .toBuffer();
  const shapes = Array.from({ length: 25 }, () => {
    const x = Math.floor(next() * width);
    const y = Math.floor(next() * height);
    const r = Math.floor(60 + next() * 400);
    const fill = `rgb(${Math.floor(next() * 256)},${Math.floor(next() * 256)},${Math.floor(next() * 256)})`;
    return next() < 0.5
      ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}" fill-opacity="0.6"/>`
      : `<rect x="${x}" y="${y}" width="${r * 2}" height="${r}" fill="${fill}" fill-opacity="0.6"/>`;
  }).join('');
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes}</svg>`,
  );
  const colours = await rawNoise(next, 40, 30, 3)
    .resize(width, height, { kernel: 'cubic' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return sharp(colours)
    .composite([
      { input: texture, blend: 'soft-light' },
      { input: svg, blend: 'over' },
      {
        input: {
          create: {
            width,
            height,
            channels: 3,
            background: { r: 128, g: 128, b: 128 },
            noise: { type: 'gaussian', mean: 128, sigma: 24 },
          },
        },
        blend: 'soft-light',
      },
    ])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: orientations[index] ?? 1 })
    .toBuffer();
}

/** The photos' paths, generated the first time (written to a temp name, then renamed). */
async function ensurePhotos(): Promise<string[]> {
  const names = Array.from({ length: photoCount }, (_, i) => `IMG_${String(1001 + i)}.jpg`);
  if (!existsSync(photoDir)) {
    const building = `${photoDir}.building`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    for (const [index, name] of names.entries()) {
      writeFileSync(join(building, name), await makePhoto(index));
    }
    renameSync(building, photoDir);
  }
  return names.map((name) => join(photoDir, name));
}

/** What one round measured; memory in bytes above the step's start (heap: also its peak). */
interface Phase {
  ms: number;
  rssGrowth: number;
  heapGrowth: number;
  heapPeak: number;
  samples: number;
  /** Longest time between two samples (ms): a step blocking the thread hides memory from it. */
  longestGap: number;
}

interface Round {
  intake: Phase;
  prepare: Phase;
  /** Of `prepare`: ChatAttachmentsService.prepare alone, and the body serialized after it. */
  prepareOnlyMs: number;
  bodyMs: number;
  bodyBytes: number;
  sentEdges: string[];
  added: number;
  problems: string[];
}

/** Run `step`, sampling rss and heapUsed every ~10 ms (and at both ends). */
async function measured<T>(step: () => Promise<T>): Promise<{ value: T; phase: Phase }> {
  const start = process.memoryUsage();
  let rssPeak = start.rss;
  let heapPeak = start.heapUsed;
  let samples = 0;
  let last = performance.now();
  let longestGap = 0;
  const sample = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    const usage = process.memoryUsage();
    rssPeak = Math.max(rssPeak, usage.rss);
    heapPeak = Math.max(heapPeak, usage.heapUsed);
    samples += 1;
  };
  const timer = setInterval(sample, 10);
  const began = performance.now();
  const value = await step();
  const ms = performance.now() - began;
  sample();
  clearInterval(timer);
  return {
    value,
    phase: {
      ms,
      rssGrowth: rssPeak - start.rss,
      heapGrowth: heapPeak - start.heapUsed,
      heapPeak,
      samples,
      longestGap,
    },
  };
}

/** One round, in this process: intake, then preparation for Anthropic. */
async function round(paths: string[]): Promise<Round> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-bench-attachments-'));
  try {
    const db = openDatabase(join(dir, 'parley.db'));
    const store = new ConversationStore(db);
    const service = new AttachmentService({
      store,
      dataDir: join(dir, 'data'),
      tempDir: join(dir, 'open'),
      dialogs: { openFiles: async () => null, saveBytes: async () => ({ saved: false }) },
    });
    const profile: ActiveProfile = {
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'claude-sonnet-4-5',
      apiKey: null,
      source: 'default',
    };
    const chatAttachments = new ChatAttachmentsService({
      service,
      capabilities: new ModelCapabilityRegistry(new SettingsFile(new MemoryStore())),
      activeProfile: async () => profile,
      profileServer: () => null,
      conversationFiles: () => [],
    });

    const intake = await measured(() => service.addPaths(paths));
    const { added, problems } = intake.value;
    // The message as the chat service stores it, then reads it back for the request.
    store.createConversation('bench');
    store.addTurn(
      'bench',
      {
        id: 'turn-1',
        userText: 'What do these photos have in common?',
        attachments: added,
        replies: [],
        activeReply: 0,
        userVersion: 0,
        userVersionCount: 1,
      },
      null,
    );
    const turns = store.load('bench')?.turns ?? [];

    let prepareOnlyMs = 0;
    let bodyMs = 0;
    let bodyBytes = 0;
    const sentEdges: string[] = [];
    const prepare = await measured(async () => {
      const began = performance.now();
      const prepared = await chatAttachments.prepare(turns, profile);
      prepareOnlyMs = performance.now() - began;
      if (!('byTurn' in prepared)) throw new Error(`refused: ${prepared.message}`);
      const bodyBegan = performance.now();
      const body = JSON.stringify(
        requestBody({ model: profile.model, messages: history(turns, prepared.byTurn) }),
      );
      bodyMs = performance.now() - bodyBegan;
      bodyBytes = Buffer.byteLength(body);
      for (const file of prepared.byTurn.get('turn-1') ?? []) {
        if (file.kind !== 'image') continue;
        const meta = await sharp(Buffer.from(file.data, 'base64')).metadata();
        sentEdges.push(`${meta.width}×${meta.height}`);
      }
    });
    db.close();
    return {
      intake: intake.phase,
      prepare: prepare.phase,
      prepareOnlyMs,
      bodyMs,
      bodyBytes,
      sentEdges,
      added: added.length,
      problems: problems.map((problem) => problem.message),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Run one round in a fresh child process (this file with `--round`); its result. */
function roundInChild(): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--round'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`round failed (exit ${String(code)}): ${out}`));
        return;
      }
      resolve(JSON.parse(line) as Round);
    });
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const mib = (bytes: number) => `${Math.round(bytes / mb)} MB`;

async function main(): Promise<void> {
  const started = performance.now();
  const paths = await ensurePhotos();
  const results: Round[] = [];
  for (let i = 0; i < rounds; i += 1) results.push(await roundInChild());
  const first = results[0];
  if (!first) throw new Error('no round ran');
  const times = (pick: (round: Round) => number) => results.map(pick);
  const worst = (pick: (round: Round) => number) => Math.max(...times(pick));
  const intakeMs = median(times((r) => r.intake.ms));
  const prepareMs = median(times((r) => r.prepare.ms));
  const intakeRss = worst((r) => r.intake.rssGrowth);
  const prepareRss = worst((r) => r.prepare.rssGrowth);
  const intakeHeap = worst((r) => r.intake.heapGrowth);
  const prepareHeap = worst((r) => r.prepare.heapGrowth);
  const sizes = paths.map((path) => statSync(path).size);
  const list = (pick: (round: Round) => number) => times(pick).map(Math.round).join(', ');
  printReport({
    title: 'Parley attachments benchmark',
    method: [
      `method: ${photoCount} generated 4000 × 3000 JPEGs (photo-like content, ${orientations.filter((o) => o !== 1).length} with EXIF`,
      '  orientation) through main’s AttachmentService.addPaths (temp data folder, temp SQLite),',
      '  then ChatAttachmentsService.prepare for claude-sonnet-4-5 as one message and its',
      '  Anthropic request body serialized; rss and heapUsed sampled every ~10 ms. Median time',
      `  and worst memory of ${rounds} rounds, each in a fresh process. Details: test/bench/README.md.`,
    ],
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.versions.node}, sharp ${sharp.versions.sharp ?? '?'} (libvips ${sharp.versions.vips})`,
    rows: [
      {
        figure: `take ${photoCount} photos in (intake)`,
        value: ms(intakeMs),
        target: `≤ ${ms(targets.intakeMs)}`,
        pass: intakeMs <= targets.intakeMs,
      },
      {
        figure: 'intake: peak rss above start',
        value: mib(intakeRss),
        target: `≤ ${targets.rssMb} MB`,
        pass: intakeRss <= targets.rssMb * mb,
      },
      {
        figure: 'intake: peak JS heap above start',
        value: mib(intakeHeap),
        target: `≤ ${targets.heapMb} MB`,
        pass: intakeHeap <= targets.heapMb * mb,
      },
      {
        figure: `prepare ${photoCount} for one Anthropic request`,
        value: ms(prepareMs),
        target: `≤ ${ms(targets.prepareMs)}`,
        pass: prepareMs <= targets.prepareMs,
      },
      {
        figure: 'prepare: peak rss above start',
        value: mib(prepareRss),
        target: `≤ ${targets.rssMb} MB`,
        pass: prepareRss <= targets.rssMb * mb,
      },
      {
        figure: 'prepare: peak JS heap above start',
        value: mib(prepareHeap),
        target: `≤ ${targets.heapMb} MB`,
        pass: prepareHeap <= targets.heapMb * mb,
      },
    ],
    info: [
      `photos: ${(sizes.reduce((a, b) => a + b, 0) / mb).toFixed(1)} MB in all (${(Math.min(...sizes) / mb).toFixed(1)}–${(Math.max(...sizes) / mb).toFixed(1)} MB each), cached in ${photoDir}`,
      `rounds: intake ${list((r) => r.intake.ms)} ms; prepare ${list((r) => r.prepare.ms)} ms (of which the request body ${list((r) => r.bodyMs)} ms)`,
      `peak JS heap (absolute): intake ${mib(worst((r) => r.intake.heapPeak))}, prepare ${mib(worst((r) => r.prepare.heapPeak))}`,
      `sent: ${first.added} added, ${first.problems.length} refused${first.problems.length ? ` (${first.problems.join('; ')})` : ''}; images as sent ${[...new Set(first.sentEdges)].join(', ')}; request body ${(first.bodyBytes / mb).toFixed(1)} MB`,
      `memory samples: ${first.intake.samples} + ${first.prepare.samples}; longest gap between two ${Math.round(worst((r) => Math.max(r.intake.longestGap, r.prepare.longestGap)))} ms (a step that blocks the thread for longer could peak unseen)`,
    ],
    seconds: (performance.now() - started) / 1000,
  });
}

if (process.argv.includes('--round')) {
  const paths = readdirSync(photoDir)
    .sort()
    .map((name) => join(photoDir, name));
  console.log(JSON.stringify(await round(paths)));
} else {
  await main();
}
