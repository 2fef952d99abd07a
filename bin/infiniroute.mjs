#!/usr/bin/env node
// The `infiniroute` command: the headless host and tools, run from the TypeScript sources.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/host/cli.ts');
