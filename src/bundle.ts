// Entry of the single-file build: importing it registers every element of the kit.
export * from './index.js';
import './elements/crm-nps-gauge/index.js';
export { CrmNpsGauge } from './elements/crm-nps-gauge/index.js';
