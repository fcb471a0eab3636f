// The kit's Vue template types, once for the whole app.
import type {} from 'crm-widget-kit/vue';
