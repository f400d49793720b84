// One place that says how this project launches a browser: Debian's chromium,
// never a downloaded one (see ../shared/DESIGN.md, "Facts about this machine").
export const chromiumPath = process.env.OFFSHOOT_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Launch options for playwright-core's chromium.launch(). */
export const chromiumLaunchOptions = { executablePath: chromiumPath, args: chromiumArgs, headless: true };
