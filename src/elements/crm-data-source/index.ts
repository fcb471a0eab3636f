export { CrmDataSource } from './crm-data-source.js';
import './define.js';
