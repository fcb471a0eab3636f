// The kit's Svelte template types, once for the whole app.
import type {} from 'crm-widget-kit/svelte';
