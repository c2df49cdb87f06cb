// A webhook receiver (see startReceiver) started before the tests of the file or describe() it is called
// from and closed after them; the handle is filled in by the before hook.
import { after, before } from 'node:test';
import { startReceiver, type Receiver } from './webhook-platform.js';

export function useReceiver(): Receiver {
  const handle = {} as Receiver;
  before(async () => {
    Object.assign(handle, await startReceiver());
  });
  after(async () => handle.close?.());
  return handle;
}
