// Type test: the generated Vue GlobalComponents and JSX typings name every tag of the kit.
import type { CrmIntrinsicElements } from 'crm-widget-kit/frameworks';

type Tags = keyof CrmIntrinsicElements;
const tags: Tags[] = ['crm-nps-gauge'];
export default tags;
