import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Automerge (WASM), RxDB and ws stay external: loaded from node_modules at run time.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'src-main/shell/main.ts'),
          'engine-host': resolve(root, 'src-main/host/utility-host.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' (and a few Node built-ins), so its
      // dependencies (zod, via the contract's command names) must be bundled, not externalized.
      externalizeDeps: false,
      // CommonJS keeps the sandbox on: sandboxed preloads cannot load ES modules.
      rollupOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: {
          user: resolve(root, 'src-renderer/user.html'),
          producer: resolve(root, 'src-renderer/producer.html'),
        },
      },
    },
  },
});
