/**
 * A carrier for the messages between the page and an engine running on the page: each message
 * is delivered in a task of its own, as a worker's would be, and in the order sent.
 *
 * A timer per message does not keep that order. Browsers clamp a timer set from deeply nested
 * timers to 4 ms, so a message sent at the end of such a chain (a source's `pending`, sent from
 * the timer that opened it) arrived after one sent a moment later from a fresh task (its
 * `complete`, sent from an IndexedDB callback), and the widget, shown `pending` last, stayed
 * loading. Message-port tasks are neither clamped nor reordered; the messages themselves stay in
 * this queue, so nothing is cloned.
 */
export function orderedTasks<T>(deliver: (message: T) => void): (message: T) => void {
  const queue: T[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => deliver(queue.shift()!);
  return (message) => {
    queue.push(message);
    channel.port2.postMessage(null);
  };
}
