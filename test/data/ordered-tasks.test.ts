import { expect } from '@open-wc/testing';
import { orderedTasks } from '../../src/data/client/ordered-tasks.js';

/** Run `work` at the end of a chain of `depth` nested timers, where browsers start clamping new timers to 4 ms. */
function afterNestedTimers(depth: number, work: () => void): void {
  if (depth === 0) return work();
  setTimeout(() => afterNestedTimers(depth - 1, work), 0);
}

/** Run `work` in a task of its own that no timer started (as an IndexedDB callback runs). */
function inFreshTask(work: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    work();
  };
  channel.port2.postMessage(null);
}

describe('orderedTasks (the carrier of an engine on the page)', () => {
  it('delivers in the order sent, also when the first was sent at the end of nested timers', async () => {
    const delivered: string[] = [];
    const post = orderedTasks<string>((message) => delivered.push(message));
    await new Promise<void>((done) => {
      afterNestedTimers(8, () => {
        post('pending');
        // The next message, sent from a task no timer started, must not overtake the first.
        inFreshTask(() => {
          post('complete');
          setTimeout(done, 30);
        });
      });
    });
    expect(delivered).to.deep.equal(['pending', 'complete']);
  });

  it('delivers each message in a task of its own, as a worker would', async () => {
    const seen: string[] = [];
    const post = orderedTasks<string>((message) => {
      seen.push(message);
      queueMicrotask(() => seen.push(`after ${message}`));
    });
    post('a');
    post('b');
    post('c');
    seen.push('sent');
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).to.deep.equal(['sent', 'a', 'after a', 'b', 'after b', 'c', 'after c']);
  });
});
