/**
 * Retakes Parley's pictures: every screen of test/visual/states.ts, light and dark, 1280 and
 * 600 px wide, into docs/screenshots/<state>-<theme>-<width>.png. The real renderer build runs in
 * the browser harness against the mock LLM. test/e2e/visual.test.ts compares the app with these
 * files, so retake them (`npm run screenshot`, which builds first) after an intended change of
 * the surface, and look at the diff before committing. Optional arguments name the states to
 * retake (e.g. `npm run screenshot -- settings search`); by default all of them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import {
  arrange,
  capture,
  chains,
  screenshotDir,
  screenshotPath,
  startSession,
  stateNames,
  themes,
  widths,
} from '../test/visual/states';

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(stateNames as readonly string[]).includes(name));
if (unknown.length > 0) {
  throw new Error(`Unknown state(s): ${unknown.join(', ')}; known: ${stateNames.join(', ')}`);
}

await mkdir(screenshotDir, { recursive: true });
// A chain runs whole (its later states build on the earlier ones); only asked states are saved.
for (const chain of chains) {
  if (asked.length > 0 && !chain.some((state) => asked.includes(state))) continue;
  const session = await startSession(chain);
  try {
    for (const state of chain) {
      await session.reach(state);
      if (asked.length > 0 && !asked.includes(state)) continue;
      for (const width of widths) {
        for (const theme of themes) {
          await arrange(session.page, theme, width);
          const file = screenshotPath(state, theme, width);
          await writeFile(file, await capture(session.page));
          console.log(`saved ${file}`);
        }
      }
    }
  } finally {
    await session.close();
  }
}
