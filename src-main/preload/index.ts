import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../src-shared/bridge-types';
import { COMMAND_NAMES, EVENT_NAMES } from '../../src-shared/contract';
import { createBridge } from './bridge';
import { SHELL_EVENT_NAMES } from './channels';

// The page gets call/on for contract names only, never ipcRenderer (see bridge.ts).
contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge(ipcRenderer, {
    commandNames: COMMAND_NAMES,
    eventNames: [...EVENT_NAMES, ...SHELL_EVENT_NAMES],
  }),
);
