// Fails fast, with the one line that fixes it, when no Chromium is available.
import { FIX_HINT, findChrome } from './chrome.mjs';

if (!findChrome()) {
  console.error(FIX_HINT);
  process.exit(1);
}
