import { CrmDataSource } from './crm-data-source.js';

if (!customElements.get('crm-data-source')) customElements.define('crm-data-source', CrmDataSource);
