/* global console, module, require */
// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before signing
// (electron-builder signs after afterPack, so the signature covers the flipped bits).
// https://www.electronjs.org/docs/latest/tutorial/fuses
'use strict';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS hook, as electron-builder loads it
const path = require('node:path');

/**
 * Every fuse of the V1 wire, set explicitly (strictlyRequireAllFuses makes a future Electron with a
 * new fuse fail the build until someone decides its value here).
 */
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node runtime.
  RunAsNode: false,
  // Cookies encrypted at rest with an OS-keychain key.
  EnableCookieEncryption: true,
  // NODE_OPTIONS (e.g. --require evil.js) ignored.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and friends ignored: no debugger attaches to the shipped app.
  EnableNodeCliInspectArguments: false,
  // app.asar checked against the hash embedded at package time (macOS and Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Code runs only from app.asar, never from a loose app/ folder planted next to it.
  OnlyLoadAppFromAsar: true,
  // Electron's defaults for the rest: no custom browser V8 snapshot, no extra file:// powers (the
  // app serves its pages over app://), WebAssembly trap handlers on (the engine runs Automerge WASM).
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
  WasmTrapHandlers: true,
});

/** The fuse config for @electron/fuses, given its FuseVersion / FuseV1Options enums. */
function fuseConfig(FuseVersion, FuseV1Options, { platform, arch }) {
  const config = {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping bits breaks the ad-hoc signature of arm64 macOS binaries: re-sign them ad hoc
    // (electron-builder then signs properly when a certificate is configured).
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
  };
  for (const [name, value] of Object.entries(FUSES)) {
    if (FuseV1Options[name] === undefined) throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[FuseV1Options[name]] = value;
  }
  return config;
}

// electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** Where the Electron executable is inside the packed app folder. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName ?? productFilename);
  }
}

async function afterPack(context) {
  // @electron/fuses is an ES module: import() works from CommonJS on every Node version.
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  console.log(`  • flipping Electron fuses  binary=${binary} arch=${arch}`);
  await flipFuses(binary, fuseConfig(FuseVersion, FuseV1Options, { platform: context.electronPlatformName, arch }));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
