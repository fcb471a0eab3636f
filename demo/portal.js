// The host page's own script: it talks to the kit through its public API and events only.
const summary = document.getElementById('summary');
const response = await fetch('/api/data');
const result = window.CrmWidgetKit.validatePayload(await response.json());
summary.textContent = result.ok
  ? `Sample data: ${Object.entries(result.received).map(([name, count]) => `${count} ${name}`).join(', ')}; ${result.rejectedTotal} rows set aside.`
  : `The data was rejected: ${result.error.message}`;
