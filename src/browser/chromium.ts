/**
 * Debian's Chromium, as the browser tests and the benchmark start it. This machine's
 * network is closed: without the background-networking flags Chromium keeps opening
 * connections that are refused, and its first start stalls on Google's hosts.
 * Callers add headless mode their own way (Playwright does it itself).
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
