import { generateSample } from 'crm-widget-kit/sample';
import { Dashboard } from './dashboard';

// A server component: the data is read on the server and handed to the client component, which
// renders the widgets on the server (as bare tags) and hydrates them in the browser.
export default function Page() {
  return <Dashboard payload={generateSample({ seed: 11, customers: 80 })} firstCustomer="C000001" />;
}
